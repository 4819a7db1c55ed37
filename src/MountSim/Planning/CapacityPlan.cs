using MountSim.Experiments;

namespace MountSim.Planning;

/// <summary>
/// A plan file as read (schema in experiments/plans/README.md): the candidates (scenario fields swept as an
/// experiment sweeps them), the objective every start and the host must meet, how to search each candidate's
/// boundary and how sure to be, and the prices to weigh the candidates by.
/// </summary>
public sealed record CapacityPlan : StudyFile
{
    /// <summary>Each candidate: a configuration of the candidates' sweep, its scenario's <c>containers</c> and <c>arrivals</c> set by each probe.</summary>
    public required IReadOnlyList<Configuration> Candidates { get; init; }

    /// <summary>The fields that vary between candidates, in file order.</summary>
    public required IReadOnlyList<string> CandidateFields { get; init; }

    /// <summary>The objective's terms; it holds when all do.</summary>
    public required IReadOnlyList<MetricCondition> Objective { get; init; }

    /// <summary>What to find per candidate: the largest burst, the highest rate, or both.</summary>
    public required IReadOnlyList<SearchKind> Find { get; init; }

    public required BoundarySearchSettings Burst { get; init; }

    public required BoundarySearchSettings Rate { get; init; }

    public required SequentialTest Test { get; init; }

    /// <summary>USD per hour by topology name, replacing the topology file's on-demand price (reserved, spot, own hardware).</summary>
    public required IReadOnlyDictionary<string, double> Prices { get; init; }

    public BoundarySearchSettings SettingsOf(SearchKind kind) => kind == SearchKind.Burst ? Burst : Rate;
}
