using MountSim.Text;

namespace MountSim.Experiments;

/// <summary>The metrics an experiment can summarize and plot: a closed set, each computed from a <see cref="ScenarioResult"/>.</summary>
public static class MetricCatalog
{
    public static IReadOnlyList<Metric> All { get; } =
    [
        new("start_latency_mean_ms", "ms", "mean container start latency", s => s.StartLatency.Mean / 1e6, s => s.Mean / 1e6),
        new("start_latency_p50_ms", "ms", "median container start latency", s => s.StartLatency.P50 / 1e6, s => s.Quantile(0.5) / 1e6),
        new("start_latency_p90_ms", "ms", "p90 container start latency", s => s.StartLatency.P90 / 1e6, s => s.Quantile(0.9) / 1e6),
        new("start_latency_p99_ms", "ms", "p99 container start latency", s => s.StartLatency.P99 / 1e6, s => s.Quantile(0.99) / 1e6),
        new("start_latency_max_ms", "ms", "slowest container start", s => s.StartLatency.Max / 1e6, s => s.Max / 1e6),
        new("failed_starts", "starts", "starts past the deadline", s => s.Failed, s => s.Failed),
        new("failed_fraction", string.Empty, "share of starts past the deadline", s => (double)s.Failed / s.Containers, s => (double)s.Failed / s.LowerBoundsNs.Count),
        new("path_walk_p50_us", "us", "median background path walk", s => s.PathWalk.P50 / 1e3),
        new("path_walk_p99_us", "us", "p99 background path walk", s => s.PathWalk.P99 / 1e3),
        new("path_walk_p999_us", "us", "p99.9 background path walk", s => s.PathWalk.P999 / 1e3),
        new("path_walk_restarts", "walks", "background path walks restarted in ref-walk mode", s => s.PathWalkRestarts),
        new("mountinfo_read_p50_ms", "ms", "median whole mountinfo read", s => s.MountinfoRead.P50 / 1e6),
        new("mountinfo_read_max_ms", "ms", "slowest whole mountinfo read", s => s.MountinfoRead.Max / 1e6),
        new("probe_p99_ms", "ms", "p99 health probe", s => s.HealthProbeLatency.P99 / 1e6),
        new("probe_failures", "probes", "health probes past their timeout", s => s.HealthProbesFailed),
        new("mount_lock_utilization", string.Empty, "share of time mount_lock is held", s => s.MountLock.Utilization),
        new("mount_lock_wait_mean_us", "us", "mean mount_lock wait", s => s.MountLock.Wait.Mean / 1e3),
        new("namespace_sem_utilization", string.Empty, "share of time namespace_sem is held", s => s.NamespaceSemaphore.Utilization),
        new("namespace_sem_wait_mean_ms", "ms", "mean namespace_sem wait", s => s.NamespaceSemaphore.Wait.Mean / 1e6),
        new("cpu_work", string.Empty, "share of CPU time working", s => s.Cpu.Work),
        new("cpu_spin_mount_lock", string.Empty, "share of CPU time spinning on mount_lock", s => s.Cpu.SpinMountLock),
        new("cpu_spin_namespace_sem", string.Empty, "share of CPU time spinning on namespace_sem", s => s.Cpu.SpinNamespaceSem),
        new("cpu_idle", string.Empty, "share of CPU time idle", s => s.Cpu.Idle),
        new("mount_table_ops", "operations", "mount-table operations", s => s.MountTableOperations),
        new("syscalls", "calls", "mount syscalls", s => s.TotalSyscalls),
        new("simulated_seconds", "s", "simulated time", s => s.SimulatedSeconds),
        new("events", "events", "events processed", s => s.Events),
    ];

    /// <summary>What an experiment summarizes when it names no metrics.</summary>
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "start_latency_mean_ms", "start_latency_p50_ms", "start_latency_p99_ms", "start_latency_max_ms", "failed_starts",
        "path_walk_p99_us", "mountinfo_read_max_ms", "mount_lock_utilization", "namespace_sem_utilization",
        "cpu_work", "cpu_spin_mount_lock", "cpu_spin_namespace_sem", "cpu_idle",
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <exception cref="UnknownNameException">No metric has that name.</exception>
    public static Metric Find(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new Yaml.UnknownNameException($"unknown metric '{name}'{Suggestions.DidYouMean(name, Names)}; metrics: {string.Join(", ", Names)}");
}
