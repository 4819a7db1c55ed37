using MountSim.Calibration.Harness;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration.Harness;

/// <summary><c>mountsim harness run</c> on the real kernel: all strategies agree, owners are shifted, the host is untouched.</summary>
[Collection(RealMountsCollection.Name)]
public sealed class HarnessRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mountsim-harness-test").FullName;

    [Fact]
    public void AllStrategiesOnTmpfsShowTheSameShiftedTreeAndLeaveTheHostAlone()
    {
        RealMountHost.SkipUnlessAvailable();
        var before = RealMountHost.Mountinfo();
        var json = Path.Combine(_dir, "h.json");

        var (code, output, error) = CliRunner.Run(
            "harness", "run", "--layers", "8", "--threads", "2", "--iterations", "3", "--mountinfo-reader", "--out", json);

        Assert.True(code == 0, $"exit {code}; stdout: {output}; stderr: {error}");
        Assert.Equal(before, RealMountHost.Mountinfo());
        var m = HarnessMeasurementsJson.Read(json);
        Assert.True(m.MergedTreesIdentical, string.Join("; ", m.CheckFailures));
        Assert.True(m.OwnershipShifted, string.Join("; ", m.CheckFailures));
        Assert.Empty(m.CheckFailures);
        Assert.Equal(["per-layer", "common-parent", "detached-fds"], m.Configurations.Select(c => c.Strategy));
        Assert.Single(m.Configurations.Select(c => c.TreeDigest).Distinct());
        Assert.All(m.Configurations, c =>
        {
            Assert.Equal(6, c.SetupLatencyUs.Count);
            Assert.Equal(2, c.Cpus.Count);
            Assert.True(c.SetupsPerSecond > 0);

            // No collection of the harness's own stopped a worker inside a timed setup.
            Assert.Equal(0, c.GcCollections);
            Assert.True(c.PathWalkIdleUs.Count > 0 && c.PathWalkChurnUs.Count > 0);
            Assert.NotNull(c.Mountinfo);
            Assert.True(c.Mountinfo.ReadUs.Count > 0);
        });
        Assert.Equal(8 * 6, m.Configurations[0].SyscallLatencyUs["open_tree_clone"].Count);
        Assert.Equal(6, m.Configurations[0].SyscallLatencyUs["overlay_mount"].Count);
        Assert.Equal(6, m.Configurations[1].SyscallLatencyUs["open_tree_clone"].Count);
        Assert.Equal(8 * 6, m.Configurations[2].SyscallLatencyUs["fsconfig_lowerdir_fd"].Count);
        Assert.StartsWith(HarnessCsvWriter.Header, File.ReadAllText(Path.ChangeExtension(json, ".csv")), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"{WorkDirectory.Prefix}{Environment.ProcessId}-*"));
    }

    [Fact]
    public void OverlayOptionsLongerThanAPageGoThroughAnFsContext()
    {
        RealMountHost.SkipUnlessAvailable();
        var json = Path.Combine(_dir, "long.json");

        var (code, output, error) = CliRunner.Run(
            "harness", "run", "--strategy", "per-layer", "--layers", "120", "--iterations", "1", "--probes", "0", "--out", json);

        Assert.True(code == 0, $"exit {code}; stdout: {output}; stderr: {error}");
        var perLayer = HarnessMeasurementsJson.Read(json).Configurations.Single();
        Assert.False(perLayer.SyscallLatencyUs.ContainsKey("overlay_mount"));
        Assert.Equal(120, perLayer.SyscallLatencyUs["fsconfig_lowerdir"].Count);
    }

    [Fact]
    public void ATimedRunSetsUpContainersForThatLongAndRecordsIt()
    {
        RealMountHost.SkipUnlessAvailable();
        var json = Path.Combine(_dir, "timed.json");

        var (code, output, error) = CliRunner.Run(
            "harness", "run", "--layers", "2", "--threads", "1", "--duration", "300ms", "--probes", "0", "--out", json);

        Assert.True(code == 0, $"exit {code}; stdout: {output}; stderr: {error}");
        var m = HarnessMeasurementsJson.Read(json);
        Assert.Equal(0.3, m.Options.DurationS);
        Assert.Null(m.Options.Iterations);
        Assert.Equal(3, m.Configurations.Count);
        Assert.All(m.Configurations, c =>
        {
            Assert.True(c.Setups > 0);
            Assert.Equal(c.Setups, c.SetupLatencyUs.Count);

            // Workers check the clock only between setups, so the last one may run past the 300ms.
            Assert.InRange(c.DurationS, 0.29, 30);
        });
        Assert.Contains("per-layer,2,1,duration_s,requested,0.3", File.ReadAllLines(Path.ChangeExtension(json, ".csv")));
    }

    [Fact]
    public void AnExistingOutputIsNotOverwrittenWithoutForce()
    {
        var json = Path.Combine(_dir, "exists.json");
        File.WriteAllText(json, "keep");

        var (code, _, error) = CliRunner.Run("harness", "run", "--out", json);

        Assert.Equal(2, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(json));
    }

    [Theory]
    [InlineData("--strategy", "per-layer,sideways")]
    [InlineData("--placement", "everywhere")]
    [InlineData("--filesystem", "/nonexistent/dir")]
    [InlineData("--probes", "-1")]
    [InlineData("--cpus", "4095")]
    public void BadOptionsAreRefusedBeforeAnythingIsMounted(string option, string value)
    {
        var (code, _, error) = CliRunner.Run("harness", "run", option, value);

        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
