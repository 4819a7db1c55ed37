using System.Text.Json.Serialization;
using MountSim.Workload;

namespace MountSim.Experiments;

/// <summary>
/// What one run left for the results: its metrics in the experiment's order and the container start
/// latency distribution as percentiles 0, 1, ..., 100 (ms), for CDF plots.
/// </summary>
public sealed record RunResult(int Run, IReadOnlyList<double> Metrics, IReadOnlyList<double> StartLatencyPercentilesMs)
{
    /// <summary>The experiment's <c>stop_when</c> condition that stopped the run early, if one did: its figures cover what ran.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StoppedBy { get; init; }

    /// <summary>
    /// A finished run's metrics; a stopped run's start-latency and failure metrics are their lower bounds from each
    /// start's latency as far as known (<see cref="StartsSoFar"/>: a start still running counts its age), so they
    /// stay true of the whole run, and its other figures cover what ran.
    /// </summary>
    public static RunResult Of(int run, ScenarioResult result, IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metrics);
        var summary = ScenarioSummary.Of(result);
        if (result.StoppedBy is not null)
        {
            var soFar = result.Starts.SoFar();
            return new RunResult(
                run,
                [.. metrics.Select(m => m.AtLeast is { } atLeast ? atLeast(soFar) : m.Of(summary))],
                [.. Enumerable.Range(0, 101).Select(p => (p == 0 ? soFar.LowerBoundsNs.FirstOrDefault(double.NaN) : soFar.Quantile(p / 100.0)) / 1e6)])
            {
                StoppedBy = summary.StoppedBy,
            };
        }

        var latency = result.Starts.StartLatency;
        return new RunResult(
            run,
            [.. metrics.Select(m => m.Of(summary))],
            [.. Enumerable.Range(0, 101).Select(p => latency.Count == 0 ? double.NaN : (p == 0 ? latency.Min : p == 100 ? latency.Max : latency.Quantile(p / 100.0)) / 1e6)]);
    }
}
