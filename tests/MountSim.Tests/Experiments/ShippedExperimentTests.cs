using MountSim.Experiments;

namespace MountSim.Tests.Experiments;

/// <summary>Every experiment in experiments/ reads, expands and builds its scenarios.</summary>
public sealed class ShippedExperimentTests
{
    public static TheoryData<string> Files => [.. Directory.GetFiles(Folder(), "*.yaml").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Files))]
    public void ItExpandsIntoRunnableScenarios(string file)
    {
        var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(Path.Combine(Folder(), file)));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), plan.Experiment.Name);
        Assert.NotEmpty(plan.Experiment.Description);
        Assert.NotEmpty(plan.Experiment.Plots);
        Assert.All(plan.Configurations, c => Assert.Empty(c.Scenario.Problems()));
    }

    [Fact]
    public void MountMayhemSweepsTheIncidentsHostsBurstsAndStrategies()
    {
        var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(Path.Combine(Folder(), "mount-mayhem.yaml")));

        Assert.Equal(["strategy", "topology", "containers"], plan.Experiment.SweptFields);
        Assert.Equal(["aws-r5.metal", "aws-m7i.metal-24xl", "aws-m7a.24xlarge"], plan.Configurations.Select(c => c.ValueOf("topology")).Distinct());
        Assert.All(plan.Configurations, c => Assert.Equal(50, c.Scenario.Layers.Mean));
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "experiments", "mount-mayhem.yaml")))
            {
                return Path.Combine(directory.FullName, "experiments");
            }
        }

        throw new InvalidOperationException("No experiments folder above the test directory.");
    }
}
