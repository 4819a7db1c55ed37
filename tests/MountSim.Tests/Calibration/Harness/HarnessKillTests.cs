using System.Diagnostics;
using MountSim.Calibration.Harness;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>A harness killed with SIGKILL mid-run: its mounts die with its private namespace, the host keeps its mount table.</summary>
[Collection(RealMountsCollection.Name)]
public sealed class HarnessKillTests
{
    [Fact]
    public async Task KillingTheWholeRunLeavesTheHostMountTableUnchanged()
    {
        RealMountHost.SkipUnlessAvailable();
        var before = RealMountHost.Mountinfo();
        using var harness = await StartAndWaitForChurn();

        harness.Kill(entireProcessTree: true);
        await harness.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(before, RealMountHost.Mountinfo());
        var workDirectory = Assert.Single(Directory.EnumerateDirectories(Path.GetTempPath(), $"{WorkDirectory.Prefix}{harness.Id}-*"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(workDirectory));
        Assert.DoesNotContain(workDirectory, WorkDirectory.RemoveEmptyLeftovers(Path.GetTempPath()));
        Assert.False(Directory.Exists(workDirectory), "the next run removes an empty leftover of a dead run");
    }

    [Fact]
    public async Task KillingOnlyTheParentMakesTheChildCleanUpAndStop()
    {
        RealMountHost.SkipUnlessAvailable();
        var before = RealMountHost.Mountinfo();
        using var harness = await StartAndWaitForChurn();
        var children = Children(harness.Id);
        Assert.NotEmpty(children);

        harness.Kill(entireProcessTree: false);
        await harness.WaitForExitAsync(TestContext.Current.CancellationToken);
        var deadline = Stopwatch.StartNew();
        while (children.Any(pid => Directory.Exists($"/proc/{pid}")) && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(children.Any(pid => Directory.Exists($"/proc/{pid}")), "the orphaned child kept running");
        Assert.Equal(before, RealMountHost.Mountinfo());
        var workDirectory = Assert.Single(Directory.EnumerateDirectories(Path.GetTempPath(), $"{WorkDirectory.Prefix}{harness.Id}-*"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(workDirectory));
        WorkDirectory.RemoveEmptyLeftovers(Path.GetTempPath());
        Assert.False(Directory.Exists(workDirectory));
    }

    /// <summary>A long harness run as its own process, returned once its workers are mounting (past the warm-up and the idle baseline).</summary>
    private static async Task<Process> StartAndWaitForChurn()
    {
        var harness = await RealMountHost.StartHarness("per-layer:", () => true, "--strategy", "per-layer", "--layers", "20", "--iterations", "1000000");
        await Task.Delay(600, TestContext.Current.CancellationToken);
        Assert.False(harness.HasExited, "the harness ended before it was killed");
        return harness;
    }

    /// <summary>Direct children of a process, from /proc/PID/task/*/children.</summary>
    private static List<int> Children(int pid) =>
        [.. Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)];
}
