using MountSim.Calibration.Harness;
using MountSim.Cli;
using MountSim.Hardware;
using MountSim.Hardware.Sysfs;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration.Harness;

/// <summary><c>mountsim harness lockbench</c>: one contended spinlock at 1 and 2 threads on this host.</summary>
public sealed class GlobalLockBenchTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-lockbench-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void EveryAcquisitionIsCountedAndTakesPositiveTime()
    {
        var result = GlobalLockBench.Run(new SysfsTopologyDetector().Detect().Topology, PlacementPolicy.Spread, 2, TimeSpan.FromMilliseconds(100));

        Assert.Equal(2, result.Threads);
        Assert.True(result.Acquisitions > 0);
        Assert.True(result.NsPerCriticalSection > 0 && double.IsFinite(result.NsPerCriticalSection));
        Assert.Equal(result.Acquisitions / result.Elapsed.TotalSeconds, result.AcquisitionsPerSecond, 6);
    }

    [Fact]
    public void WritesATidyCsvRowPerThreadCount()
    {
        var file = Path.Combine(_scratch, "lock.csv");

        var (code, output, error) = CliRunner.Run("harness", "lockbench", "--threads", "1,2", "--duration", "100ms", "--out", file);

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.Contains("ns/critical section", output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file);
        Assert.Equal("threads,ns_per_critical_section,acquisitions_per_second", lines[0]);
        Assert.Equal(["1", "2"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture) > 0, l));
    }

    [Fact]
    public void RefusesToOverwriteWithoutForce()
    {
        var file = Path.Combine(_scratch, "lock.csv");
        File.WriteAllText(file, "kept");

        var (code, _, error) = CliRunner.Run("harness", "lockbench", "--threads", "1", "--duration", "10ms", "--out", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "1,x")]
    [InlineData("--threads", "100000")]
    [InlineData("--duration", "1")]
    [InlineData("--duration", "soon")]
    [InlineData("--placement", "everywhere")]
    public void BadOptionsExitTwo(string option, string value)
    {
        // A short duration after the option under test, so a wrongly accepted option finishes quickly.
        var (code, _, error) = CliRunner.Run(option == "--duration" ? ["harness", "lockbench", option, value] : ["harness", "lockbench", "--duration", "10ms", option, value]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("mountsim: ", error, StringComparison.Ordinal);
    }
}
