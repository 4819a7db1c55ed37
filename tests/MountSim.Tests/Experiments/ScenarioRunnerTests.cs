using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Hardware;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Hardware;
using MountSim.Workload;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Experiments;

public sealed class ScenarioRunnerTests
{
    private static readonly KernelProfile Kernel = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);
    private static readonly ulong[] Seeds = [1, 2, 3];

    [Fact]
    public void PerLayerMakesTwoTimesOnePlusTwoLMountTableOperationsPerContainer()
    {
        var result = ScenarioRunner.Run(Scenario("per-layer", containers: 4, layers: 5), seed: 1);

        // The incident's arithmetic: per pass 1 overlay mount, L bind mounts and L umounts.
        Assert.Equal(4 * 2 * (1 + (2 * 5)), result.Kernel.MountTableOperations);
        Assert.Equal(4, result.Kernel.TeardownMountTableOperations);
        Assert.Equal(4, result.Starts.Finished);
    }

    [Fact]
    public void ARunStopsOnceItsStopConditionIsCertainAndNotBefore()
    {
        var scenario = Scenario("per-layer", containers: 150, layers: 50) with { PathWalksPerCpuPerSecond = 200_000 };
        var slow = MetricCondition.Parse("start_latency_p99_ms > 1000");

        var full = ScenarioRunner.Run(scenario, seed: 1);
        var stopped = ScenarioRunner.Run(scenario, seed: 1, stopWhen: [slow, MetricCondition.Parse("failed_starts > 0")]);

        // The whole run says it was true; the stopped one saw it as soon as two starts had run past 1 s (99% of 150 is rank 149).
        Assert.True(slow.Holds(ScenarioSummary.Of(full).StartLatency.P99 / 1e6));
        Assert.Equal(slow, stopped.StoppedBy);
        Assert.True(stopped.Starts.SoFar().Quantile(0.99) > 1e9);
        Assert.InRange(stopped.SimulatedSeconds, 1, 1.1);
        Assert.True(stopped.Events < full.Events / 2, $"{stopped.Events} of {full.Events} events");
        Assert.Null(full.StoppedBy);
        Assert.Equal("start_latency_p99_ms > 1000", ScenarioSummary.Of(stopped).StoppedBy);
    }

    [Fact]
    public void CommonParentMountTableOperationsDoNotDependOnLayers()
    {
        var few = ScenarioRunner.Run(Scenario("common-parent", containers: 3, layers: 2), seed: 1);
        var many = ScenarioRunner.Run(Scenario("common-parent", containers: 3, layers: 40), seed: 1);

        Assert.Equal(few.Kernel.MountTableOperations, many.Kernel.MountTableOperations);
    }

    [Theory]
    [InlineData("per-layer")]
    [InlineData("common-parent")]
    [InlineData("detached-fds")]
    public void TheSimulatedSyscallsAreTheStrategysAccounting(string strategy)
    {
        var scenario = Scenario(strategy, containers: 3, layers: 7);
        var result = ScenarioRunner.Run(scenario, seed: 1);
        var expected = StrategyAccounting.For(scenario.Strategy, Kernel, layers: 7).Syscalls
            .ToDictionary(s => s.Syscall, s => s.Count * 3);

        Assert.Equal(expected.OrderBy(e => e.Key), result.Kernel.Syscalls.OrderBy(e => e.Key));
    }

    [Fact]
    public void AloneAContainerStartTakesItsUncontendedCostPlusLineTransfers()
    {
        var scenario = Scenario("per-layer", containers: 1, layers: 10) with { PathWalksPerCpuPerSecond = 0 };
        var result = ScenarioRunner.Run(scenario, seed: 1);
        var accounting = StrategyAccounting.For(scenario.Strategy, Kernel, layers: 10);
        // runc's namespace pass copies the host's own mounts and the container's root filesystem.
        var uncontended = accounting.Syscalls.Sum(s => s.Count * Kernel.UncontendedNs(s.Syscall, 10, scenario.Topology.NrPossibleCpus, mounts: scenario.BaseMounts + 1, threads: scenario.HostThreads + scenario.ContainerThreads));

        var latency = result.Starts.StartLatency.Max;
        Assert.InRange(latency, uncontended, uncontended * 1.05);
    }

    [Fact]
    public void PivotRootWalksTheHostsThreadsAndEachStartAddsItsOwn()
    {
        ScenarioResult Alone(int hostThreads) => ScenarioRunner.Run(Scenario("common-parent", containers: 1, layers: 3) with { PathWalksPerCpuPerSecond = 0, HostThreads = hostThreads }, seed: 1);
        var grown = Alone(20_000).Kernel.CallLatency["pivot_root"].Mean - Alone(0).Kernel.CallLatency["pivot_root"].Mean;
        var three = ScenarioRunner.Run(Scenario("common-parent", containers: 3, layers: 3) with { ContainerThreads = 50 }, seed: 1);

        // chroot_fs_refs: 59 ns per thread, under namespace_sem (tests/harness/pivotthreads.c).
        Assert.Equal(20_000 * 59, grown, 0.01 * grown);
        Assert.Equal(MountSim.Experiments.Scenario.DefaultHostThreads + (3 * 50), three.Kernel.HostThreads);
    }

    [Fact]
    public void BackgroundLookupsStretchWorkButNotMountLockSections()
    {
        // One thread per core: the lookups can only take the thread's own CPU.
        var noSmt = ShippedTopologies.Load("aws-r5.metal").With(new MountSim.Hardware.TopologyOverrides(true, null));
        ScenarioResult Alone(double walks) => ScenarioRunner.Run(Scenario("per-layer", containers: 1, layers: 5) with { Topology = noSmt, PathWalksPerCpuPerSecond = walks }, seed: 1);
        var (quiet, busy) = (Alone(0), Alone(400_000));

        // Preemption is off from spin_lock to spin_unlock: the lookups wait for the unlock.
        Assert.Equal(quiet.Kernel.MountLock.Statistics.HoldTime.Mean, busy.Kernel.MountLock.Statistics.HoldTime.Mean, 0.01 * quiet.Kernel.MountLock.Statistics.HoldTime.Mean);
        Assert.True(busy.Starts.StartLatency.Max > 1.2 * quiet.Starts.StartLatency.Max, $"{busy.Starts.StartLatency.Max} against {quiet.Starts.StartLatency.Max} ns");
    }

    [Fact]
    public void ASiblingWalkingPathsSlowsEvenMountLockSectionsByItsShareOfSmtSlowdown()
    {
        ScenarioResult Alone(double walks) => ScenarioRunner.Run(Scenario("per-layer", containers: 1, layers: 5) with { PathWalksPerCpuPerSecond = walks }, seed: 1);
        var (quiet, busy) = (Alone(0), Alone(400_000));
        var siblingShare = 400_000 / 1e9 * Kernel.Parameters.PathWalkNs;
        var expected = quiet.Kernel.MountLock.Statistics.HoldTime.Mean * (1 + ((busy.Scenario.Topology.SmtSlowdown - 1) * siblingShare));

        // Preemption off keeps the lookups off the holder's CPU, not off its core's other hardware thread.
        Assert.Equal(expected, busy.Kernel.MountLock.Statistics.HoldTime.Mean, 0.01 * expected);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunAndAnotherSeedAnother()
    {
        var scenario = Scenario("per-layer", containers: 20, layers: 5);
        string Fingerprint(ulong seed)
        {
            var r = ScenarioRunner.Run(scenario, seed);
            return FormattableString.Invariant($"{r.Events} {r.Kernel.Simulation.Now} {r.Starts.StartLatency.Sum:R} {r.Kernel.PathWalks.Statistics.Latency.Sum:R}");
        }

        Assert.Equal(Fingerprint(7), Fingerprint(7));
        Assert.NotEqual(Fingerprint(7), Fingerprint(8));
    }

    [Fact]
    public void MoreContainersTakeLongerAndSpinMore()
    {
        var few = ScenarioRunner.Run(Scenario("per-layer", containers: 2, layers: 10), seed: 1);
        var many = ScenarioRunner.Run(Scenario("per-layer", containers: 40, layers: 10), seed: 1);

        Assert.True(many.Starts.StartLatency.Mean > 5 * few.Starts.StartLatency.Mean);
        Assert.True(many.Kernel.MountLock.Statistics.WaitTime.Mean > few.Kernel.MountLock.Statistics.WaitTime.Mean);
    }

    [Fact]
    public void PausingToReportProgressChangesNothingAndAFalseAnswerStopsTheRun()
    {
        var scenario = Scenario("per-layer", containers: 150, layers: 50);
        var plain = ScenarioRunner.Run(scenario, seed: 3);
        var reports = new List<ScenarioProgress>();

        var watched = ScenarioRunner.Run(scenario, seed: 3, progress: p => { reports.Add(p); return true; });
        var stopped = ScenarioRunner.Run(scenario, seed: 3, progress: _ => false);

        Assert.True(reports.Count >= 1, $"{plain.Events} events, no report");
        Assert.Equal((plain.Events, plain.Starts.StartLatency.Mean, false), (watched.Events, watched.Starts.StartLatency.Mean, watched.Interrupted));
        Assert.True(reports.Zip(reports.Skip(1)).All(r => r.Second.Events > r.First.Events && r.Second.SimulatedNs >= r.First.SimulatedNs));
        Assert.True(stopped.Interrupted);
        Assert.True(stopped.Starts.Finished < scenario.Containers && stopped.Events < plain.Events, $"{stopped.Starts.Finished} starts, {stopped.Events} events");
    }

    [Fact]
    public void AnOverlaysMountinfoLineListsEveryLowerdirSoReadsFollowTheBytes()
    {
        var p = Kernel.Parameters;
        var result = ScenarioRunner.Run(Scenario("common-parent", containers: 4, layers: 30) with { MountinfoWatchers = 1 }, seed: 1);

        // The four root filesystems stay mounted, each line listing its 30 lowerdirs (ovl_show_options).
        var bytes = ((long)(result.Scenario.BaseMounts + 4) * p.MountinfoLineBytes) + (4L * 30 * p.MountinfoLowerdirBytes);
        Assert.Equal(bytes, result.Kernel.MountinfoBytes);

        // A whole read formats every byte: the watcher's longest read at least does the table at its largest.
        Assert.True(result.Watchers.ReadLatency.Max >= bytes * p.MountinfoPerByteNs, $"longest read {result.Watchers.ReadLatency.Max} ns, {bytes} bytes");
    }

    [Fact]
    public void AWatcherRereadsTheWholeTableAfterMountEventsCoalescingThoseDuringARead()
    {
        var scenario = Scenario("per-layer", containers: 10, layers: 5) with { MountinfoWatchers = 1, MountinfoWatcherRateLimit = WatcherRateLimit.None };
        var result = ScenarioRunner.Run(scenario, seed: 1);
        var reads = result.Watchers.ReadLatency;

        Assert.True(reads.Count >= 1);
        Assert.True(reads.Count < result.Kernel.MountEvents, "every event got a read of its own");
        // The run ends with the last container start; a read may still be under way then.
        Assert.InRange(result.Kernel.Syscalls["mountinfo_read"], reads.Count, reads.Count + 1);

        // At least the host's own lines, plus the open and close.
        Assert.True(reads.Min >= scenario.BaseMounts * Kernel.Parameters.MountinfoPerLineNs);

        // Mounts went on while the table was read: some lines were overtaken and formatted again under the spinlock.
        Assert.True(result.Kernel.MountinfoLineRetries > 0);
        Assert.True(result.Kernel.MountLock.Statistics.Acquisitions > ScenarioRunner.Run(scenario with { MountinfoWatchers = 0 }, seed: 1).Kernel.MountLock.Statistics.Acquisitions);
    }

    [Fact]
    public void ARateLimitedWatcherReadsAtMostItsBurstPerWindowAndCatchesUpAfterIt()
    {
        // Starts over 3 s keep events coming; systemd's watcher reads at most 5 times a second.
        var scenario = Scenario("common-parent", containers: 30, layers: 5) with
        {
            MountinfoWatchers = 1,
            Arrivals = ArrivalPattern.Parse("interval:100ms"),
        };
        var limited = ScenarioRunner.Run(scenario, seed: 1);
        var unlimited = ScenarioRunner.Run(scenario with { MountinfoWatcherRateLimit = WatcherRateLimit.None }, seed: 1);

        Assert.InRange(limited.Watchers.ReadLatency.Count, 5 * 2, 5 * (int)Math.Ceiling(limited.SimulatedSeconds));
        Assert.True(unlimited.Watchers.ReadLatency.Count > 2 * limited.Watchers.ReadLatency.Count, $"{unlimited.Watchers.ReadLatency.Count} reads unlimited, {limited.Watchers.ReadLatency.Count} limited");
    }

    [Fact]
    public void LatencyRunsFromEachArrivalAndLateArrivalsWaitForASlot()
    {
        // Ten starts 1 s apart never overlap: each takes about what one takes alone.
        var spaced = ScenarioRunner.Run(Scenario("common-parent", containers: 10, layers: 5) with { Arrivals = ArrivalPattern.Parse("interval:1s") }, seed: 1);
        var alone = ScenarioRunner.Run(Scenario("common-parent", containers: 1, layers: 5), seed: 1);
        Assert.InRange(spaced.Starts.StartLatency.Max, alone.Starts.StartLatency.Max * 0.9, alone.Starts.StartLatency.Max * 1.1);
        Assert.True(spaced.SimulatedSeconds > 9);

        // A burst of ten with one slot: the last waits for the nine before it.
        var serial = ScenarioRunner.Run(Scenario("common-parent", containers: 10, layers: 5) with { Concurrency = 1 }, seed: 1);
        Assert.InRange(serial.Starts.StartLatency.Max, 9 * alone.Starts.StartLatency.Max, 11 * alone.Starts.StartLatency.Max);
    }

    [Fact]
    public void OnASharedTreeMountsAndUmountsAreCopiedIntoTheContainerNamespacesInFlight()
    {
        // Between runc's copy of the table and its detach of the old root, a container's namespace is a slave
        // of the runtime's tree: the other starts' mounts and umounts there are copied into it (audit item 3).
        ScenarioResult Run(int containers, bool shared) => ScenarioRunner.Run(Scenario("per-layer", containers, layers: 20) with { PropagatesToContainers = shared, PathWalksPerCpuPerSecond = 0 }, seed: 1);
        var (isolated, shared) = (Run(50, shared: false), Run(50, shared: true));

        Assert.True(shared.Kernel.MountLock.Statistics.Acquisitions > isolated.Kernel.MountLock.Statistics.Acquisitions, $"{shared.Kernel.MountLock.Statistics.Acquisitions} against {isolated.Kernel.MountLock.Statistics.Acquisitions} mount_lock sections");
        Assert.Equal(0, shared.Kernel.SlaveNamespaces);

        // A lone start makes its mounts before its own namespace exists and has no other in flight: nothing to copy.
        Assert.Equal(Run(1, shared: false).Starts.StartLatency.Max, Run(1, shared: true).Starts.StartLatency.Max);
    }

    [Fact]
    public void ASharedTreeCopiesEachMountIntoTheServicesNamespacesToo()
    {
        // One start, 20 layers, 10 services' namespaces: each of its mounts is copied into all ten, and each of
        // its 2 x 20 + 1 umounts (the binds, the spec pass's overlay) then puts ten copies, a mount_lock section each.
        ScenarioResult Lone(bool shared) => ScenarioRunner.Run(Scenario("per-layer", containers: 1, layers: 20) with { PropagatesToContainers = shared, ServiceNamespaces = 10, PathWalksPerCpuPerSecond = 0 }, seed: 1);
        var (isolated, shared) = (Lone(false), Lone(true));

        Assert.True(shared.Starts.StartLatency.Max > isolated.Starts.StartLatency.Max);
        Assert.Equal(isolated.Kernel.MountLock.Statistics.Acquisitions + (10 * 41), shared.Kernel.MountLock.Statistics.Acquisitions);
    }

    [Fact]
    public void EachContainerDrawsItsOwnLayerCount()
    {
        // Layers 2 or 40 with equal chance: the bind mounts made are the draws' sum.
        var scenario = Scenario("per-layer", containers: 30, layers: 1) with { Layers = DistributionSyntax.Parse("empirical:2,40") };
        var result = ScenarioRunner.Run(scenario, seed: 3);
        var bindMounts = result.Kernel.Syscalls["move_mount"];

        Assert.Equal(0, bindMounts % 2);
        var layersDrawn = bindMounts / 2;
        Assert.NotEqual(30 * 2, layersDrawn);
        Assert.NotEqual(30 * 40, layersDrawn);
        Assert.Equal(0, (layersDrawn - (30 * 2)) % 38);
    }

    [Fact]
    public void BothPathWalkModelsGiveTheSameStartsAndLookups()
    {
        // Means over three seeds: one contended run varies by several percent.
        (double Start, double WalkP99) Mean(PathWalkMode mode) => (
            Seeds.Average(seed => Run(mode, seed).Starts.StartLatency.Mean),
            Seeds.Average(seed => Run(mode, seed).Kernel.PathWalks.Statistics.Latency.Quantile(0.99)));
        ScenarioResult Run(PathWalkMode mode, ulong seed) => ScenarioRunner.Run(
            Scenario("per-layer", containers: 20, layers: 10) with { PathWalkMode = mode, PathWalksPerCpuPerSecond = 50_000 },
            seed);

        var closed = Mean(PathWalkMode.ClosedForm);
        var perLookup = Mean(PathWalkMode.PerLookup);
        Assert.Equal(perLookup.Start, closed.Start, tolerance: 0.1 * perLookup.Start);
        Assert.Equal(perLookup.WalkP99, closed.WalkP99, tolerance: 0.1 * perLookup.WalkP99);
    }

    [Fact]
    public void WithoutWatchersNobodyReadsTheTable()
    {
        var result = ScenarioRunner.Run(Scenario("per-layer", containers: 3, layers: 3), seed: 1);

        Assert.Equal(0, result.Watchers.ReadLatency.Count);
        Assert.False(result.Kernel.Syscalls.ContainsKey("mountinfo_read"));
        Assert.True(result.Kernel.MountEvents > 0);
    }

    [Fact]
    public void HealthProbesRunEveryIntervalAndFailPastTheirTimeout()
    {
        // Starts arriving over 2 s, a probe every 100 ms that must finish within 1 us: all fail.
        var scenario = Scenario("common-parent", containers: 20, layers: 5) with
        {
            Arrivals = ArrivalPattern.Parse("interval:100ms"),
            HealthProbes = new HealthProbeSettings(Probes: 2, IntervalNs: 100e6, TimeoutNs: 1_000),
        };
        var result = ScenarioRunner.Run(scenario, seed: 1);

        // About 1.9 s of run at 10 probes a second, two probes each time.
        Assert.InRange(result.Probes.Latency.Count, 36, 42);
        Assert.Equal(result.Probes.Latency.Count, result.Probes.Failed);
        Assert.True(result.Probes.Latency.Min > 3 * Kernel.Parameters.PathWalkNs, "a probe skipped its lookups");
    }

    /// <summary>A burst on r5.metal without mountinfo watchers or health probes: the container starts alone with the kernel.</summary>
    private static Scenario Scenario(string strategy, int containers, int layers) => new()
    {
        Topology = ShippedTopologies.Load("aws-r5.metal"),
        Kernel = Kernel,
        Strategy = MountStrategyLibrary.Load(strategy, Kernel),
        Containers = containers,
        Layers = Distribution.Constant(layers),
        MountinfoWatchers = 0,
        HealthProbes = HealthProbeSettings.None,
    };
}
