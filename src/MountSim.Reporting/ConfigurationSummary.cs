using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>A configuration's metrics across its replications of the nominal figures (in the experiment's metric order) and each replication's start latency percentiles.</summary>
public sealed record ConfigurationSummary(Configuration Configuration, IReadOnlyList<SummaryStatistics> Metrics, IReadOnlyList<IReadOnlyList<double>> StartLatencyPercentilesMs)
{
    /// <summary>Replications stopped early by the experiment's <c>stop_when</c>.</summary>
    public int Stopped { get; init; }

    /// <summary>
    /// Each metric across the configuration's uncertainty samples (its 5% to 95% quantiles are the band the uncertain
    /// figures' ranges give), in the experiment's metric order; null when the experiment draws none.
    /// </summary>
    public IReadOnlyList<SummaryStatistics>? Band { get; init; }
}
