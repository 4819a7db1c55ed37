using System.Diagnostics;
using MountSim.Calibration.Harness;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>
/// <c>mountsim harness run --runtime runc</c>: real containers on the harness's idmapped roots, in a
/// burst, and what a killed harness leaves (nothing: no mount on the host, no container, no cgroup).
/// </summary>
[Collection(RealMountsCollection.Name)]
public sealed class HarnessRuncTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mountsim-runc-test").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ABurstOfRealContainersRunsOnBothStrategiesAndLeavesNothingBehind()
    {
        RealMountHost.SkipUnlessRuncAvailable();
        var before = RealMountHost.Mountinfo();
        var json = Path.Combine(_dir, "burst.json");

        var (code, output, error) = CliRunner.Run(
            "harness", "run", "--runtime", "runc", "--strategy", "per-layer,common-parent", "--layers", "8", "--burst", "8", "--iterations", "1", "--probes", "0", "--out", json);

        // Every start's container exited 0 and left its uid, 0, in the upper layer as the host's 100000:
        // the harness fails the run (exit 1) on any start that did not.
        Assert.True(code == 0, $"exit {code}; stdout: {output}; stderr: {error}");
        var m = HarnessMeasurementsJson.Read(json);
        Assert.Empty(m.CheckFailures);
        Assert.Equal(("runc", true, 0), (m.Options.Runtime, m.Options.Burst, m.Options.TableMounts));
        Assert.Equal(["per-layer", "common-parent"], m.Configurations.Select(c => c.Strategy));
        Assert.All(m.Configurations, c =>
        {
            Assert.Equal((8L, 8, "runc", true), (c.Setups, c.Threads, c.Runtime, c.Burst));
            Assert.Empty(c.Cpus);
            foreach (var phase in new[] { "rootfs_mounts", "runc_create", "runc_start", "container_run", "runc_delete" })
            {
                Assert.Equal(8, c.SyscallLatencyUs[phase].Count);
            }

            // A start from the release includes its phases: it is no shorter than its own create.
            Assert.True(c.SetupLatencyUs.Max >= c.SyscallLatencyUs["runc_create"].Max, $"{c.SetupLatencyUs.Max} < {c.SyscallLatencyUs["runc_create"].Max}");
            Assert.True(c.MountinfoLines > 0);
        });
        Assert.Equal(before, RealMountHost.Mountinfo());
        Assert.Empty(RealMountHost.ContainerProcesses());
        Assert.Empty(RealMountHost.HarnessCgroups());
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"{WorkDirectory.Prefix}{Environment.ProcessId}-*"));
    }

    [Fact]
    public void PaddingTheTableGrowsWhatAContainerCopies()
    {
        RealMountHost.SkipUnlessRuncAvailable();
        var json = Path.Combine(_dir, "padded.json");

        var (code, output, error) = CliRunner.Run(
            "harness", "run", "--runtime", "runc", "--strategy", "common-parent", "--layers", "2", "--iterations", "2", "--probes", "0", "--table-mounts", "300", "--out", json);

        Assert.True(code == 0, $"exit {code}; stdout: {output}; stderr: {error}");
        var c = Assert.Single(HarnessMeasurementsJson.Read(json).Configurations);
        Assert.InRange(c.MountinfoLines, 300, 400);
    }

    [Fact]
    public async Task KillingTheParentMidBurstLeavesNoContainerAndNoMount()
    {
        RealMountHost.SkipUnlessRuncAvailable();
        var before = RealMountHost.Mountinfo();
        using var harness = await StartBurst();

        harness.Kill(entireProcessTree: false);
        await harness.WaitForExitAsync(TestContext.Current.CancellationToken);
        await RealMountHost.WaitUntil(() => RealMountHost.HarnessCgroups().Count == 0);

        Assert.Empty(RealMountHost.HarnessCgroups());
        Assert.Empty(RealMountHost.ContainerProcesses());
        Assert.Equal(before, RealMountHost.Mountinfo());
    }

    [Fact]
    public async Task KillingTheWholeRunMidBurstLeavesNoMountAndTheNextRunNoContainer()
    {
        RealMountHost.SkipUnlessRuncAvailable();
        var before = RealMountHost.Mountinfo();
        using var harness = await StartBurst();

        harness.Kill(entireProcessTree: true);
        await harness.WaitForExitAsync(TestContext.Current.CancellationToken);

        // Nothing is left to clean up after a whole tree killed at once; the next harness run does it first.
        Assert.Equal(before, RealMountHost.Mountinfo());
        Assert.Empty(RuncCgroups.RemoveLeftovers());
        Assert.Empty(RealMountHost.HarnessCgroups());
        Assert.Empty(RealMountHost.ContainerProcesses());
    }

    [Fact]
    public async Task WithoutRuncTheRunIsRefusedWithTheInstallCommand()
    {
        RealMountHost.SkipUnlessAvailable();
        var start = RealMountHost.Cli("harness", "run", "--runtime", "runc", "--iterations", "1");
        start.Environment["PATH"] = _dir;
        using var harness = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var error = await harness.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await harness.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, harness.ExitCode);
        Assert.Contains("runc is not installed; apt-get install -y runc busybox-static", error, StringComparison.Ordinal);
    }

    /// <summary>A long burst run as its own process, returned once its containers are starting.</summary>
    private static Task<Process> StartBurst() =>
        RealMountHost.StartHarness("per-layer:", () => RealMountHost.ContainerProcesses().Count > 0, "--runtime", "runc", "--strategy", "per-layer", "--layers", "8", "--burst", "8", "--iterations", "100000", "--probes", "0");
}
