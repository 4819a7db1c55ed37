using MountSim.Calibration.Harness;
using MountSim.Cli;
using MountSim.Hardware.Sysfs;
using MountSim.Hardware.Yaml;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration.Harness;

/// <summary><c>mountsim harness c2c</c> on this host: at least two CPUs sharing an LLC (the 2-vCPU build VM has exactly that).</summary>
public sealed class CacheLineLatencyTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-c2c-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void SameLlcPairHasAPositiveFiniteOneWayLatency()
    {
        var samples = CacheLineLatency.MeasurePair(0, 1, 10);

        Assert.Equal(10, samples.Length);
        Assert.All(samples, ns => Assert.True(double.IsFinite(ns) && ns > 0, $"{ns} ns"));
    }

    [Fact]
    public void WritesTheDetectedTopologyWithTheMeasuredFigureAndItsSource()
    {
        var file = Path.Combine(_scratch, "host.yaml");

        var (code, output, error) = CliRunner.Run("harness", "c2c", "--samples", "10", "--out", file);

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith("same_llc ", StringComparison.Ordinal));
        var topology = TopologyYamlReader.Load(file);
        var ns = topology.Latencies.SameLlcNs;
        Assert.True(ns is > 0 && double.IsFinite(ns.Value), $"same_llc {ns}");
        Assert.Contains(ns.Value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        Assert.StartsWith(
            $"measured by mountsim harness c2c on {DateTime.UtcNow:yyyy-MM-dd}: ",
            topology.SourceOf("latency.same_llc"),
            StringComparison.Ordinal);
        Assert.Contains("median of 10 samples", topology.SourceOf("latency.same_llc"), StringComparison.Ordinal);
        Assert.Equal(new SysfsTopologyDetector().Detect().Topology.Threads.Select(t => t.OsCpu).Order(), topology.Threads.Select(t => t.OsCpu).Order());
    }

    [Fact]
    public void RefusesToOverwriteWithoutForce()
    {
        var file = Path.Combine(_scratch, "host.yaml");
        File.WriteAllText(file, "kept");

        var (code, _, error) = CliRunner.Run("harness", "c2c", "--samples", "1", "--out", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(file));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("harness", "c2c", "--samples", "1", "--out", file, "--force").Code);
        Assert.NotNull(TopologyYamlReader.Load(file).Latencies.SameLlcNs);
    }

    [Theory]
    [InlineData("--pairs", "some")]
    [InlineData("--samples", "0")]
    public void BadOptionsExitTwo(string option, string value) =>
        Assert.Equal(ExitCodes.BadInput, CliRunner.Run("harness", "c2c", option, value).Code);

    [Fact]
    public void ACpuThatCannotBePinnedFailsInsteadOfWaitingForever() =>
        Assert.Throws<HarnessException>(() => CacheLineLatency.MeasurePair(0, 1000, 1));
}
