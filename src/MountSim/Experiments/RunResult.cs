namespace MountSim.Experiments;

/// <summary>
/// What one run left for the results: its metrics in the experiment's order and the container start
/// latency distribution as percentiles 0, 1, ..., 100 (ms), for CDF plots.
/// </summary>
public sealed record RunResult(int Run, IReadOnlyList<double> Metrics, IReadOnlyList<double> StartLatencyPercentilesMs)
{
    public static RunResult Of(int run, ScenarioResult result, IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metrics);
        var latency = result.Starts.StartLatency;
        var summary = ScenarioSummary.Of(result);
        return new RunResult(
            run,
            [.. metrics.Select(m => m.Of(summary))],
            [.. Enumerable.Range(0, 101).Select(p => latency.Count == 0 ? double.NaN : (p == 0 ? latency.Min : p == 100 ? latency.Max : latency.Quantile(p / 100.0)) / 1e6)]);
    }
}
