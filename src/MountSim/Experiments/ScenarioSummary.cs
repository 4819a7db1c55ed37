namespace MountSim.Experiments;

/// <summary>
/// What one run of a scenario gives, as figures: the starts, the locks, the CPU, the host's own lookups and
/// reads; durations in nanoseconds unless a name says otherwise. Built once from a <see cref="ScenarioResult"/>; the metric catalog, <c>simulate</c>'s JSON and text
/// (<see cref="Export.ScenarioSummaryJson"/>, <see cref="Export.ScenarioSummaryText"/>) and notebooks all read it,
/// so each figure has one definition.
/// </summary>
public sealed record ScenarioSummary
{
    public required Scenario Scenario { get; init; }

    public required int Containers { get; init; }

    /// <summary>Starts that finished within the deadline.</summary>
    public required int Started { get; init; }

    /// <summary>Starts past the deadline.</summary>
    public required int Failed { get; init; }

    public required DistributionSummary StartLatency { get; init; }

    /// <summary>Each phase of the runtime, in the runtime's order (none with no runtime).</summary>
    public required IReadOnlyList<PhaseSummary> RuntimePhases { get; init; }

    /// <summary>Calls by recipe name, in name order.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> Syscalls { get; init; }

    public required long MountTableOperations { get; init; }

    public required long TeardownMountTableOperations { get; init; }

    public required LockSummary MountLock { get; init; }

    public required LockSummary NamespaceSemaphore { get; init; }

    /// <summary>Time writers spent spinning on namespace_sem before they got it or slept.</summary>
    public required double NamespaceSemaphoreSpinMs { get; init; }

    public required long NamespaceSemaphoreSleeps { get; init; }

    /// <summary>Waiters that claimed namespace_sem after the handoff timeout.</summary>
    public required long NamespaceSemaphoreHandoffs { get; init; }

    public required long PercpuAllocAcquisitions { get; init; }

    public required double PercpuAllocWaitMsTotal { get; init; }

    public required long GracePeriods { get; init; }

    public required long GracePeriodRequests { get; init; }

    /// <summary>The callers' mean wait for a grace period (us); NaN when none waited.</summary>
    public required double GracePeriodWaitUsMean { get; init; }

    public required CpuTimeShares Cpu { get; init; }

    public required long MountEvents { get; init; }

    /// <summary>The watchers' whole-table reads (their count is the number of reads).</summary>
    public required DistributionSummary MountinfoRead { get; init; }

    public required long MountinfoLinesAtEnd { get; init; }

    public required long MountinfoLineRetries { get; init; }

    /// <summary>The health probes' latency (their count is the number of probes run).</summary>
    public required DistributionSummary HealthProbeLatency { get; init; }

    public required long HealthProbesFailed { get; init; }

    /// <summary>The host's background lookups (their count is the number of lookups).</summary>
    public required DistributionSummary PathWalk { get; init; }

    public required long PathWalkRestarts { get; init; }

    public required long PathWalksSpun { get; init; }

    public required double SimulatedSeconds { get; init; }

    /// <summary>The stop condition that ended the run once certain (<c>--stop-when</c>); null when it ran to the end. The figures then cover what ran.</summary>
    public string? StoppedBy { get; init; }

    public required long Events { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>Every call the starts made.</summary>
    public long TotalSyscalls => Syscalls.Sum(s => s.Value);

    public static ScenarioSummary Of(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kernel = result.Kernel;
        var now = kernel.Simulation.Now;
        var walks = kernel.PathWalks.Statistics;
        var semaphore = kernel.NamespaceSemaphore;
        return new ScenarioSummary
        {
            Scenario = result.Scenario,
            Containers = result.Starts.Containers,
            Started = result.Starts.Finished - result.Starts.Failed,
            Failed = result.Starts.Failed,
            StartLatency = DistributionSummary.Of(result.Starts.StartLatency),
            RuntimePhases = [.. result.Scenario.Runtime.Phases.Select(p => new PhaseSummary(
                p.Name, DistributionSummary.Of(kernel.PhaseLatency.GetValueOrDefault(p.Name) ?? new Engine.Statistics.Histogram())))],
            Syscalls = [.. kernel.Syscalls.OrderBy(s => s.Key, StringComparer.Ordinal)],
            MountTableOperations = kernel.MountTableOperations,
            TeardownMountTableOperations = kernel.TeardownMountTableOperations,
            MountLock = LockSummary.Of(kernel.MountLock.Statistics, now, kernel.MountLock.Line, kernel.MountLock.HandoffsByDistance),
            NamespaceSemaphore = LockSummary.Of(semaphore.Statistics, now, semaphore.Line, handoffs: null),
            NamespaceSemaphoreSpinMs = semaphore.SpinNs / 1e6,
            NamespaceSemaphoreSleeps = semaphore.Sleeps,
            NamespaceSemaphoreHandoffs = semaphore.Handoffs,
            PercpuAllocAcquisitions = kernel.PercpuAllocMutex.Acquisitions,
            PercpuAllocWaitMsTotal = kernel.PercpuAllocMutex.WaitNs / 1e6,
            GracePeriods = kernel.GracePeriods.GracePeriods,
            GracePeriodRequests = kernel.GracePeriods.Requests,
            GracePeriodWaitUsMean = kernel.GracePeriods.Wait.Mean / 1e3,
            Cpu = CpuTimeShares.Of(result),
            MountEvents = kernel.MountEvents,
            MountinfoRead = DistributionSummary.Of(result.Watchers.ReadLatency),
            MountinfoLinesAtEnd = kernel.MountinfoLines,
            MountinfoLineRetries = kernel.MountinfoLineRetries,
            HealthProbeLatency = DistributionSummary.Of(result.Probes.Latency),
            HealthProbesFailed = result.Probes.Failed,
            PathWalk = DistributionSummary.Of(walks.Latency),
            PathWalkRestarts = walks.Restarts,
            PathWalksSpun = walks.Spun,
            SimulatedSeconds = result.SimulatedSeconds,
            StoppedBy = result.StoppedBy?.ToString(),
            Events = result.Events,
            WallSeconds = result.WallSeconds,
        };
    }
}

/// <summary>One phase of a runtime's start (runc_create, ...) over the run's starts.</summary>
public sealed record PhaseSummary(string Name, DistributionSummary Latency);
