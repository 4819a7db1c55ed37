using MountSim.Kernel.Profiles;
using MountSim.Kernel.Profiles.Export;

namespace MountSim.Tests.Calibration;

public sealed class KernelProfileYamlWriterTests
{
    [Fact]
    public void TheShippedProfileReadsBackTheSame()
    {
        var shipped = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

        var back = KernelProfileYamlReader.Parse(KernelProfileYamlWriter.ToYaml(shipped), "written.yaml");

        Assert.Equal(shipped.Name, back.Name);
        Assert.Equal(shipped.Parameters, back.Parameters);
        Assert.Equal(shipped.ParameterList, back.ParameterList);
        Assert.Equal(shipped.Sources, back.Sources);
        Assert.Equal(shipped.RecipeList.Count, back.RecipeList.Count);
        foreach (var (expected, actual) in shipped.RecipeList.Zip(back.RecipeList))
        {
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Description, actual.Description);
            Assert.Equal(Flatten(expected.Steps, 0), Flatten(actual.Steps, 0));
            Assert.Equal(shipped.UncontendedNs(expected.Name, 8, 2, 40), back.UncontendedNs(actual.Name, 8, 2, 40));
        }
    }

    /// <summary>Each step with its depth and figure: records compare nested step arrays by reference.</summary>
    private static List<string> Flatten(IEnumerable<RecipeStep> steps, int depth) => [.. steps.SelectMany(step => (IEnumerable<string>)[
        $"{depth} {step.Keyword} {step switch { CpuStep c => c.Ns, MountTableStep t => t.Delta, _ => 0 }} {(step as RepeatStep)?.Count}",
        .. step is BlockStep block ? Flatten(block.Steps, depth + 1) : []])];

    [Fact]
    public void ACpuScaleMultipliesEveryCpuStepAndCitesItsSource()
    {
        var shipped = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

        var scaled = KernelProfileYamlReader.Parse(KernelProfileYamlWriter.ToYaml(shipped.WithCpuScale(1.5, "fitted by a test")), "scaled.yaml");

        Assert.Equal(1.5 * shipped.Recipe("move_mount").Steps.OfType<CpuStep>().Sum(s => s.Ns), scaled.Recipe("move_mount").Steps.OfType<CpuStep>().Sum(s => s.Ns), 6);
        Assert.StartsWith("fitted by a test", scaled.SourceOf("recipes.overlay_mount"), StringComparison.Ordinal);
    }
}
