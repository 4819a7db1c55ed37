using MountSim.Engine.Statistics;
using MountSim.Text;

namespace MountSim.Experiments;

/// <summary>The metrics an experiment can summarize and plot: a closed set, each computed from a <see cref="ScenarioResult"/>.</summary>
public static class MetricCatalog
{
    public static IReadOnlyList<Metric> All { get; } =
    [
        new("start_latency_mean_ms", "ms", "mean container start latency", r => r.Starts.StartLatency.Mean / 1e6),
        new("start_latency_p50_ms", "ms", "median container start latency", r => Quantile(r.Starts.StartLatency, 0.5, 1e6)),
        new("start_latency_p90_ms", "ms", "p90 container start latency", r => Quantile(r.Starts.StartLatency, 0.9, 1e6)),
        new("start_latency_p99_ms", "ms", "p99 container start latency", r => Quantile(r.Starts.StartLatency, 0.99, 1e6)),
        new("start_latency_max_ms", "ms", "slowest container start", r => Quantile(r.Starts.StartLatency, 1, 1e6)),
        new("failed_starts", "starts", "starts past the deadline", r => r.Starts.Failed),
        new("failed_fraction", string.Empty, "share of starts past the deadline", r => (double)r.Starts.Failed / r.Starts.Containers),
        new("path_walk_p50_us", "us", "median background path walk", r => Quantile(r.Kernel.PathWalks.Statistics.Latency, 0.5, 1e3)),
        new("path_walk_p99_us", "us", "p99 background path walk", r => Quantile(r.Kernel.PathWalks.Statistics.Latency, 0.99, 1e3)),
        new("path_walk_p999_us", "us", "p99.9 background path walk", r => Quantile(r.Kernel.PathWalks.Statistics.Latency, 0.999, 1e3)),
        new("path_walk_restarts", "walks", "background path walks restarted in ref-walk mode", r => r.Kernel.PathWalks.Statistics.Restarts),
        new("mountinfo_read_p50_ms", "ms", "median whole mountinfo read", r => Quantile(r.Watchers.ReadLatency, 0.5, 1e6)),
        new("mountinfo_read_max_ms", "ms", "slowest whole mountinfo read", r => Quantile(r.Watchers.ReadLatency, 1, 1e6)),
        new("probe_p99_ms", "ms", "p99 health probe", r => Quantile(r.Probes.Latency, 0.99, 1e6)),
        new("probe_failures", "probes", "health probes past their timeout", r => r.Probes.Failed),
        new("mount_lock_utilization", string.Empty, "share of time mount_lock is held", r => r.Kernel.MountLock.Statistics.Utilization.Mean(r.Kernel.Simulation.Now)),
        new("mount_lock_wait_mean_us", "us", "mean mount_lock wait", r => Mean(r.Kernel.MountLock.Statistics.WaitTime, 1e3)),
        new("namespace_sem_utilization", string.Empty, "share of time namespace_sem is held", r => r.Kernel.NamespaceSemaphore.Statistics.Utilization.Mean(r.Kernel.Simulation.Now)),
        new("namespace_sem_wait_mean_ms", "ms", "mean namespace_sem wait", r => Mean(r.Kernel.NamespaceSemaphore.Statistics.WaitTime, 1e6)),
        new("cpu_work", string.Empty, "share of CPU time working", r => CpuTimeShares.Of(r).Work),
        new("cpu_spin_mount_lock", string.Empty, "share of CPU time spinning on mount_lock", r => CpuTimeShares.Of(r).SpinMountLock),
        new("cpu_spin_namespace_sem", string.Empty, "share of CPU time spinning on namespace_sem", r => CpuTimeShares.Of(r).SpinNamespaceSem),
        new("cpu_idle", string.Empty, "share of CPU time idle", r => CpuTimeShares.Of(r).Idle),
        new("mount_table_ops", "operations", "mount-table operations", r => r.Kernel.MountTableOperations),
        new("syscalls", "calls", "mount syscalls", r => r.Kernel.Syscalls.Values.Sum()),
        new("simulated_seconds", "s", "simulated time", r => r.SimulatedSeconds),
        new("events", "events", "events processed", r => r.Events),
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

    private static double Quantile(Histogram histogram, double q, double scale) =>
        histogram.Count == 0 ? double.NaN : (q >= 1 ? histogram.Max : histogram.Quantile(q)) / scale;

    private static double Mean(Histogram histogram, double scale) => histogram.Count == 0 ? double.NaN : histogram.Mean / scale;
}
