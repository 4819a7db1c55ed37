using MountSim.Experiments;
using MountSim.Files;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Cli;
using MountSim.Tests.Hardware;
using MountSim.Yaml;

namespace MountSim.Tests.Yaml;

/// <summary>Input built to exhaust the reader: every input file goes through the same bounds, and each is refused with its position.</summary>
public sealed class HostileYamlTests
{
    [Fact]
    public void NestingTensOfThousandsOfLevelsDeepIsRefusedInsteadOfOverflowingTheStack()
    {
        // The document's mapping is the first level, so the 64th bracket (column 10 + 64) is one too many.
        var deep = "name: deep\nscenario: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

        var e = Assert.Throws<InputFileException>(() => ExperimentYamlReader.Parse(deep, "deep.yaml"));

        Assert.Equal((2, 10 + YamlSource.MaxDepth), (e.Line, e.Column));
        Assert.Contains("nested deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasBombIsRefusedBeforeAnyReaderExpandsIt()
    {
        // The sixth anchor (line 6) passes 10^6.
        var e = Assert.Throws<InputFileException>(() => ExperimentYamlReader.Parse(HostileInputTests.AliasBomb(), "bomb.yaml"));

        Assert.Equal(6, e.Line);
        Assert.Contains("its aliases expand it to more than 1,000,000 values", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Figures that parse but no host has: each refused where it is read, naming the range.</summary>
    [Theory]
    [InlineData("base_mounts: 2147483647", "scenario.base_mounts: expected a whole number from 0 to 100,000, got 2147483647")]
    [InlineData("base_mounts: 99999999999", "scenario.base_mounts: expected a whole number from 0 to 100,000, got 99999999999")]
    [InlineData("containers: 5000000", "scenario.containers: expected a whole number from 1 to 1,000,000, got 5000000")]
    [InlineData("host_threads: 2000000000", "scenario.host_threads: expected a whole number from 0 to 4,194,304, got 2000000000")]
    [InlineData("path_walks: 1e300", "scenario.path_walks: expected a number from 0 to 1000000000, got 1e300")]
    public void AScenarioFigureOutsideWhatAHostHasIsRefusedWithItsRange(string field, string message)
    {
        var e = Assert.Throws<InputFileException>(() => ExperimentPlan.Build(ExperimentYamlReader.Parse($"name: big\nscenario:\n  topology: aws-r5.metal\n  {field}\n", "big.yaml")));

        Assert.Equal($"big.yaml:4:{4 + field.IndexOf(' ', StringComparison.Ordinal)}: {message}", e.Message);
    }

    [Fact]
    public void ADurationBeyondADayOrInfiniteIsRefused()
    {
        var shipped = KernelProfileLibrary.Shipped.Text(KernelProfileLibrary.DefaultName);

        var e = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Parse(shipped.Replace("  rwsem_handoff: 4ms", "  rwsem_handoff: 1e300s", StringComparison.Ordinal), "k.yaml"));

        Assert.Contains("parameters.rwsem_handoff: expected a duration such as 46.6ns, 1.2us or 0.5ms (a bare number is ns), at most a day, got '1e300s'", e.Message, StringComparison.Ordinal);

        var rounds = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Parse(ReplaceFirst(shipped, "          count: layers", "          count: 2147483647"), "k.yaml"));
        Assert.Contains("expected at most 1,000,000 rounds, got 2,147,483,647", rounds.Message, StringComparison.Ordinal);

        var factor = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Parse(shipped.Replace("  ref_walk_factor: 2 ", "  ref_walk_factor: 1e12 ", StringComparison.Ordinal), "k.yaml"));
        Assert.Contains("parameters.ref_walk_factor: expected a number from 1 to 100, got 1e12", factor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATopologyOfMoreCpusThanLinuxSupportsIsRefused()
    {
        var text = File.ReadAllText(ShippedTopologies.Library.PathOf("aws-r5.metal"));
        var e = Assert.ThrowsAny<InputFileException>(() => MountSim.Hardware.Yaml.TopologyYamlReader.Parse(text.Replace("sockets: 2", "sockets: 2147483647", StringComparison.Ordinal), "t.yaml"));

        Assert.Contains("layout.sockets: expected a whole number from 1 to 8,192, got 2147483647", e.Message, StringComparison.Ordinal);

        var possible = Assert.ThrowsAny<InputFileException>(() => MountSim.Hardware.Yaml.TopologyYamlReader.Parse(text.Replace("nr_possible_cpus: 96", "nr_possible_cpus: 2147483647", StringComparison.Ordinal), "t.yaml"));
        Assert.Contains("nr_possible_cpus: expected a whole number from 1 to 8,192, got 2147483647", possible.Message, StringComparison.Ordinal);

        var slow = Assert.ThrowsAny<InputFileException>(() => MountSim.Hardware.Yaml.TopologyYamlReader.Parse(text.Replace("smt_slowdown: 1.25", "smt_slowdown: 1e9", StringComparison.Ordinal), "t.yaml"));
        Assert.Contains("smt_slowdown: expected a number from 1 to 4, got 1e9", slow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATabInTheIndentationIsReportedWhereItIs()
    {
        var e = Assert.Throws<InputFileException>(() => ExperimentYamlReader.Parse("name: t\nscenario:\n\ttopology: aws-r5.metal\n", "tab.yaml"));

        Assert.StartsWith("tab.yaml:3:1: not valid YAML: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("tab", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADistributionBlamesTheParameterThatIsWrong()
    {
        var e = Assert.Throws<FormatException>(() => MountSim.Engine.Distributions.DistributionSyntax.Parse("lognormal:50:-20"));

        Assert.Equal("'lognormal:50:-20': A log-normal distribution needs a standard deviation >= 0, got -20", e.Message);
    }

    [Fact]
    public void AFileLargerThanAnyInputIsRefusedWithoutReadingItAll()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mountsim-huge-{Environment.ProcessId}.yaml");
        try
        {
            using (var file = File.Create(path))
            {
                file.SetLength(InputText.MaxBytes + 1);
            }

            var e = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Load(path));

            Assert.Equal($"{path}: cannot read the file: more than 16 MiB: not an input file of MountSim's (a device, or a file of something else?)", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
