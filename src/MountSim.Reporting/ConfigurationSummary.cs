using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>A configuration's metrics across its replications (in the experiment's metric order) and each replication's start latency percentiles.</summary>
public sealed record ConfigurationSummary(Configuration Configuration, IReadOnlyList<SummaryStatistics> Metrics, IReadOnlyList<IReadOnlyList<double>> StartLatencyPercentilesMs)
{
    /// <summary>Replications stopped early by the experiment's <c>stop_when</c>.</summary>
    public int Stopped { get; init; }
}
