using System.Globalization;

namespace MountSim.Experiments.Export;

/// <summary>A run's summary as <c>simulate</c> prints it for a person: one line per part of the host; "-" where nothing was recorded.</summary>
public static class ScenarioSummaryText
{
    public static string Write(ScenarioSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var s = summary.Scenario;
        var latency = summary.StartLatency.In(1e6);
        var cpu = summary.Cpu;
        var ml = summary.MountLock;
        var ns = summary.NamespaceSemaphore;
        var reads = summary.MountinfoRead.In(1e6);
        var walks = summary.PathWalk.In(1e3);
        return string.Join(Environment.NewLine, (IEnumerable<string>)[
            $"{s.Containers} containers x {s.Layers} layers, strategy {s.Strategy.Name}, runtime {s.Runtime.Name}, on {s.Topology.Name} ({s.Topology.Threads.Count} hardware threads), kernel {s.Kernel.Name}",
            $"  starts          {summary.Started} ok, {summary.Failed} failed (> {F(s.DeadlineNs / 1e9, "F0")} s)",
            $"  start latency   p50 {F(latency.P50)} ms, p90 {F(latency.P90)} ms, p99 {F(latency.P99)} ms, max {F(latency.Max)} ms",
            .. summary.RuntimePhases.Select(p => $"  {p.Name,-15} p50 {F(p.Latency.P50 / 1e6)} ms, p99 {F(p.Latency.P99 / 1e6)} ms"),
            $"  mount table     {summary.MountTableOperations} ops (+{summary.TeardownMountTableOperations} teardown); {summary.TotalSyscalls} syscalls",
            $"  mount_lock      {ml.Acquisitions} acquisitions, wait mean {F(ml.Wait.Mean / 1e6, "F4")} ms, hold mean {F(ml.Hold.Mean / 1e3)} us, utilization {F(ml.Utilization, "P1")}",
            $"  namespace_sem   {ns.Acquisitions} acquisitions, wait mean {F(ns.Wait.Mean / 1e6, "F4")} ms, utilization {F(ns.Utilization, "P1")}",
            $"  CPU time        work {F(cpu.Work, "P1")}, spin mount_lock {F(cpu.SpinMountLock, "P1")}, spin namespace_sem {F(cpu.SpinNamespaceSem, "P1")}, idle {F(cpu.Idle, "P1")}",
            $"  mountinfo       {reads.Count} whole-table reads for {summary.MountEvents} events, p50 {F(reads.P50, "F3")} ms, max {F(reads.Max, "F3")} ms",
            $"  health probes   {summary.HealthProbeLatency.Count} run, {summary.HealthProbesFailed} failed, p99 {F(summary.HealthProbeLatency.P99 / 1e6, "F3")} ms",
            $"  path walks      p50 {F(walks.P50)} us, p99 {F(walks.P99)} us, p99.9 {F(walks.P999)} us; {summary.PathWalkRestarts} restarts",
            $"  run             {F(summary.SimulatedSeconds, "F3")} s simulated, {summary.Events} events, {F(summary.WallSeconds)} s wall",
            .. summary.StoppedBy is { } stop ? [$"  stopped         once {stop} was certain, with {summary.Started + summary.Failed} of {summary.Containers} starts done: the figures cover what ran"] : (string[])[]]);
    }

    private static string F(double value, string format = "F2") => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
