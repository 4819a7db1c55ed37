using System.Text.Json;
using System.Text.Json.Nodes;
using MountSim.Hardware;
using MountSim.Kernel.Loops;
using MountSim.Kernel.PathWalks;

namespace MountSim.Experiments.Export;

/// <summary>
/// A run's summary as <c>simulate --json</c> prints it: one object, fields in README.md. JSON has no NaN:
/// an empty distribution's figures are written as 0 and it has no mean.
/// </summary>
public static class ScenarioSummaryJson
{
    public static string Write(ScenarioSummary summary) => ToJson(summary).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static JsonObject ToJson(ScenarioSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var s = summary.Scenario;
        return new JsonObject
        {
            ["topology"] = s.Topology.Name,
            ["kernel"] = s.Kernel.Name,
            ["strategy"] = s.Strategy.Name,
            ["runtime"] = s.Runtime.Name,
            ["layers"] = s.Layers.ToString(),
            ["arrivals"] = s.Arrivals.ToString(),
            ["propagation"] = s.PropagatesToContainers ? "shared" : "private",
            ["service_namespaces"] = s.ServiceNamespaces,
            ["wake_balance"] = s.WakeBalance ? "on" : "off",
            ["host_threads"] = s.HostThreads,
            ["container_threads"] = s.ContainerThreads,
            ["watcher_rate_limit"] = s.MountinfoWatcherRateLimit.ToString(),
            ["path_walk_mode"] = s.PathWalkMode == PathWalkMode.PerLookup ? "per-lookup" : "closed-form",
            ["mount_loops"] = s.MountLoops == MountLoopMode.PerMount ? "per-mount" : "closed-form",
            ["containers"] = new JsonObject
            {
                ["total"] = summary.Containers,
                ["started"] = summary.Started,
                ["failed"] = summary.Failed,
            },
            ["start_latency_ms"] = Figures(summary.StartLatency.In(1e6), ("p50", d => d.P50), ("p90", d => d.P90), ("p99", d => d.P99), ("max", d => d.Max)),
            ["runtime_phase_ms"] = new JsonObject(summary.RuntimePhases.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Figures(p.Latency.In(1e6), ("p50", d => d.P50), ("p99", d => d.P99))))),
            ["syscalls"] = new JsonObject(summary.Syscalls.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["mount_table_ops"] = summary.MountTableOperations,
            ["teardown_mount_table_ops"] = summary.TeardownMountTableOperations,
            ["locks"] = new JsonObject
            {
                ["mount_lock"] = Lock(summary.MountLock),
                ["namespace_sem"] = NamespaceSemaphore(summary),
                ["pcpu_alloc_mutex"] = new JsonObject
                {
                    ["acquisitions"] = summary.PercpuAllocAcquisitions,
                    ["wait_ms_total"] = summary.PercpuAllocWaitMsTotal,
                },
            },
            ["rcu_grace_periods"] = new JsonObject
            {
                ["grace_periods"] = summary.GracePeriods,
                ["requests"] = summary.GracePeriodRequests,
                ["wait_us_mean"] = OrZero(summary.GracePeriodWaitUsMean),
            },
            ["cpu_time_fraction"] = new JsonObject
            {
                ["work"] = summary.Cpu.Work,
                ["spin_mount_lock"] = summary.Cpu.SpinMountLock,
                ["spin_namespace_sem"] = summary.Cpu.SpinNamespaceSem,
                ["sleep"] = summary.Cpu.Sleep,
                ["idle"] = summary.Cpu.Idle,
            },
            ["mount_events"] = summary.MountEvents,
            ["mountinfo_reads"] = summary.MountinfoRead.Count,
            ["mountinfo_read_ms"] = Figures(summary.MountinfoRead.In(1e6), ("p50", d => d.P50), ("max", d => d.Max)),
            ["mountinfo_lines_at_end"] = summary.MountinfoLinesAtEnd,
            ["mountinfo_line_retries"] = summary.MountinfoLineRetries,
            ["health_probes"] = new JsonObject
            {
                ["count"] = summary.HealthProbeLatency.Count,
                ["failed"] = summary.HealthProbesFailed,
                ["latency_ms"] = Figures(summary.HealthProbeLatency.In(1e6), ("p50", d => d.P50), ("p99", d => d.P99), ("max", d => d.Max)),
            },
            ["path_walk_latency_us"] = Figures(summary.PathWalk.In(1e3), ("p50", d => d.P50), ("p99", d => d.P99), ("p999", d => d.P999)),
            ["path_walks"] = summary.PathWalk.Count,
            ["path_walk_restarts"] = summary.PathWalkRestarts,
            ["path_walks_spun"] = summary.PathWalksSpun,
            ["simulated_seconds"] = summary.SimulatedSeconds,
            ["stopped_by"] = summary.StoppedBy,
            ["events"] = summary.Events,
            ["wall_seconds"] = summary.WallSeconds,
        };
    }

    private static JsonObject Lock(LockSummary figures)
    {
        var json = new JsonObject
        {
            ["acquisitions"] = figures.Acquisitions,
            ["wait_ms"] = new JsonObject { ["mean"] = OrZero(figures.Wait.Mean / 1e6), ["p99"] = OrZero(figures.Wait.P99 / 1e6) },
            ["hold_us"] = new JsonObject { ["mean"] = OrZero(figures.Hold.Mean / 1e3) },
            ["utilization"] = figures.Utilization,
            ["line_transfers_by_distance"] = ByDistance(figures.LineTransfersByDistance),
        };
        if (figures.HandoffsByDistance is { } handoffs)
        {
            json["handoffs_by_distance"] = ByDistance(handoffs);
        }

        return json;
    }

    /// <summary>The rwsem's lock figures, plus how its waiters waited: spinning, sleeping, handoffs.</summary>
    private static JsonObject NamespaceSemaphore(ScenarioSummary summary)
    {
        var json = Lock(summary.NamespaceSemaphore);
        json["optimistic_spin_ms"] = summary.NamespaceSemaphoreSpinMs;
        json["sleeps"] = summary.NamespaceSemaphoreSleeps;
        json["handoffs"] = summary.NamespaceSemaphoreHandoffs;
        return json;
    }

    private static JsonObject ByDistance(IReadOnlyList<long> counts) => new(
        Enum.GetValues<DistanceClass>().Where(d => d != DistanceClass.Self)
            .Select(d => KeyValuePair.Create(LatencyTable.KeyOf(d), (JsonNode?)counts[(int)d])));

    /// <summary>The named figures of a distribution, then its mean when it has one.</summary>
    private static JsonObject Figures(DistributionSummary distribution, params (string Name, Func<DistributionSummary, double> Figure)[] figures)
    {
        var json = new JsonObject();
        foreach (var (name, figure) in figures)
        {
            json[name] = OrZero(figure(distribution));
        }

        if (distribution.Count > 0)
        {
            json["mean"] = distribution.Mean;
        }

        return json;
    }

    private static double OrZero(double value) => double.IsNaN(value) ? 0 : value;
}
