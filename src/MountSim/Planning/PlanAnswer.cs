using System.Globalization;

namespace MountSim.Planning;

/// <summary>
/// A plan's answer in plain words, for the end of the report and the terminal: per kind of search, which candidate
/// takes the most, which is cheapest per start within the objective, and what changing the mount strategy buys on
/// each host.
/// </summary>
public static class PlanAnswer
{
    public static IReadOnlyList<string> Lines(CapacityPlan plan, IReadOnlyList<CandidateBoundary> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var lines = new List<string>();
        foreach (var kind in plan.Find)
        {
            var ofKind = results.Where(r => r.Kind == kind).ToList();
            var unit = Unit(kind);
            var most = Ranked(ofKind)[0];
            lines.Add(most.Outcome.Boundary > 0
                ? Invariant($"Takes the most ({Noun(kind)}): {Label(plan, most)}, {Load(most)} {unit} {Bracket(most)} within the objective.")
                : Invariant($"No candidate meets the objective at any {Noun(kind)} tried: even {Load(most, most.Outcome.Breaks ?? 0)} {unit} breaks {plan.Objective[most.BindingTerm ?? 0]}."));
            if (ofKind.Where(r => r.Outcome.Boundary > 0 && double.IsFinite(r.BoundaryPerUsdHour)).MaxBy(r => r.BoundaryPerUsdHour) is { } cheapest)
            {
                lines.Add(kind == SearchKind.Burst
                    ? Invariant($"Cheapest per start within the objective: {Label(plan, cheapest)}, {cheapest.BoundaryPerUsdHour:0.##} containers of a burst per dollar-hour ({cheapest.UsdPerHour:0.####} USD/h for {Load(cheapest)}).")
                    : Invariant($"Cheapest per start within the objective: {Label(plan, cheapest)}, {cheapest.StartsPerUsd:N0} starts per dollar at {Load(cheapest)} starts/s ({cheapest.UsdPerHour:0.####} USD/h)."));
            }

            lines.AddRange(StrategyGains(plan, ofKind));
            foreach (var none in ofKind.Where(r => r.Outcome.Boundary == 0 && r != most))
            {
                lines.Add(Invariant($"{Label(plan, none)} meets the objective at no {Noun(kind)} tried ({plan.Objective[none.BindingTerm ?? 0]} breaks first)."));
            }
        }

        var unclear = results.Sum(r => r.Outcome.Probes.Count(p => !p.Verdict.Clear));
        if (unclear > 0)
        {
            lines.Add(Invariant($"{unclear} probe(s) stayed unclear after {plan.Test.MaxReplications} replications and were decided by their means: a boundary there is as sharp as the model's run-to-run spread allows."));
        }

        return lines;
    }

    /// <summary>Best first: the largest boundary, then the most per dollar, then file order.</summary>
    public static IReadOnlyList<CandidateBoundary> Ranked(IEnumerable<CandidateBoundary> results) =>
        [.. results.OrderByDescending(r => r.Outcome.Boundary).ThenByDescending(r => double.IsNaN(r.BoundaryPerUsdHour) ? double.MinValue : r.BoundaryPerUsdHour).ThenBy(r => r.Candidate.Index)];

    /// <summary>The candidate's swept values, e.g. <c>aws-r5.metal, per-layer, smt off</c>; the plan's name when nothing is swept.</summary>
    public static string Label(CapacityPlan plan, CandidateBoundary result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        return plan.CandidateFields.Count == 0
            ? plan.Name
            : string.Join(", ", plan.CandidateFields.Select(f => f is "topology" or "strategy" or "kernel" or "runtime" ? result.Candidate.ValueOf(f) : $"{f} {result.Candidate.ValueOf(f)}"));
    }

    public static string Unit(SearchKind kind) => kind == SearchKind.Burst ? "containers" : "starts/s";

    private static string Noun(SearchKind kind) => kind == SearchKind.Burst ? "burst" : "rate";

    private static string Load(CandidateBoundary r) => Load(r, r.Outcome.Boundary);

    private static string Load(CandidateBoundary r, double load) =>
        r.Kind == SearchKind.Burst ? load.ToString("N0", CultureInfo.InvariantCulture) : load.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Bracket(CandidateBoundary r) =>
        r.Outcome.Breaks is { } breaks ? $"(breaks at {Load(r, breaks)})" : "(the search's maximum: it may take more)";

    /// <summary>Where candidates differ only in strategy, what the other strategies take against the first.</summary>
    private static IEnumerable<string> StrategyGains(CapacityPlan plan, List<CandidateBoundary> results)
    {
        if (!plan.CandidateFields.Contains("strategy"))
        {
            yield break;
        }

        var others = plan.CandidateFields.Where(f => f != "strategy").ToList();
        foreach (var host in results.GroupBy(r => string.Join(", ", others.Select(r.Candidate.ValueOf))).Where(g => g.Count() > 1))
        {
            var byStrategy = host.ToList();
            var baseline = byStrategy[0];
            var changes = byStrategy.Skip(1).Select(r => Invariant($"{r.Candidate.ValueOf("strategy")} takes {Load(r)}") + (baseline.Outcome.Boundary > 0 ? Invariant($" ({r.Outcome.Boundary / baseline.Outcome.Boundary:0.#}x)") : string.Empty));
            yield return Invariant($"On {(host.Key.Length == 0 ? "the host" : host.Key)}: {baseline.Candidate.ValueOf("strategy")} takes {Load(baseline)} {Unit(baseline.Kind)}; {string.Join("; ", changes)}.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
