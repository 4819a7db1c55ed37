using MountSim.Experiments;

namespace MountSim.Planning;

/// <summary>One candidate's boundary for one kind of search, with the runs behind each probe and what the host costs.</summary>
/// <param name="UsdPerHour">The host's price per hour; NaN when neither the plan nor the topology gives one.</param>
/// <param name="PriceSource">Where the price comes from.</param>
public sealed record CandidateBoundary(Configuration Candidate, SearchKind Kind, SearchOutcome Outcome, IReadOnlyList<ProbeRun> Runs, double UsdPerHour, string PriceSource)
{
    /// <summary>The load the host takes per dollar-hour: containers of a burst, or starts per second.</summary>
    public double BoundaryPerUsdHour => Outcome.Boundary / UsdPerHour;

    /// <summary>With a rate: container starts per dollar at the boundary's rate; NaN for a burst.</summary>
    public double StartsPerUsd => Kind == SearchKind.Rate ? Outcome.Boundary * 3600 / UsdPerHour : double.NaN;

    /// <summary>The term that broke at the first load past the boundary: what limits this candidate.</summary>
    public int? BindingTerm => Outcome.Breaks is { } breaks ? Outcome.Probes.First(p => p.Load == breaks).Verdict.Binding : null;
}
