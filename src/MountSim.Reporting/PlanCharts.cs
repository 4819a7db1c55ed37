using System.Globalization;
using MountSim.Planning;

namespace MountSim.Reporting;

/// <summary>
/// A plan's plots: per kind of search, every candidate's boundary as a bar with the bracket the search left
/// around it, and for the best candidates each objective term's mean against the load with its bound drawn.
/// </summary>
public static class PlanCharts
{
    /// <summary>Candidates whose objective metrics are drawn against the load.</summary>
    public const int TopCandidates = 3;

    public static IReadOnlyList<SavedChart> Save(CapacityPlan plan, IReadOnlyList<CandidateBoundary> results, PlanFolder folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(folder);
        var saved = new List<SavedChart>();
        void Add(string stem, Chart chart)
        {
            folder.WriteChart(stem, ChartFiles.Render(chart));
            saved.Add(new SavedChart(chart.Title.Replace("\n", ": ", StringComparison.Ordinal), stem));
        }

        foreach (var kind in plan.Find)
        {
            var name = PlanFolder.Name(kind);
            var ranked = PlanAnswer.Ranked(results.Where(r => r.Kind == kind));
            Add($"{name}-boundary", Boundaries(plan, kind, ranked));
            var top = ranked.Take(TopCandidates).ToList();
            for (var t = 0; t < plan.Objective.Count; t++)
            {
                Add(string.Create(CultureInfo.InvariantCulture, $"{name}-{plan.Objective[t].Metric.Name}"), Term(plan, kind, top, t));
            }
        }

        return saved;
    }

    /// <summary>Each candidate's boundary, best first; the bar's interval runs to where the objective broke.</summary>
    private static IntervalBarChart Boundaries(CapacityPlan plan, SearchKind kind, IReadOnlyList<CandidateBoundary> ranked) => new(
        $"Largest {(kind == SearchKind.Burst ? "burst" : "sustained start rate")} within the objective\n{string.Join("; ", plan.Objective)}",
        kind == SearchKind.Burst ? "containers started at once" : "container starts per second",
        [.. ranked.Select(r => new IntervalBar(PlanAnswer.Label(plan, r), r.Outcome.Boundary, r.Outcome.Boundary, r.Outcome.Breaks ?? double.NaN))]);

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// One objective term's mean at every load probed, per candidate, with the bound as a line. A run stopped once
    /// the term broke counts the floor it had reached (report.md says so).
    /// </summary>
    private static LineChart Term(CapacityPlan plan, SearchKind kind, IReadOnlyList<CandidateBoundary> top, int term)
    {
        var condition = plan.Objective[term];
        var series = top.Select(r => new LineSeries(
            PlanAnswer.Label(plan, r),
            [.. r.Outcome.Probes.Where(p => !double.IsNaN(p.Verdict.Means[term])).OrderBy(p => p.Load).Select(p => new LinePoint(p.Load, p.Verdict.Means[term], double.NaN, double.NaN))])).ToList();
        var positive = top.SelectMany(r => r.Outcome.Probes).All(p => !(p.Verdict.Means[term] <= 0)) && condition.Bound > 0;
        return new LineChart(
            $"{Capitalized(condition.Metric.Description)} against the {(kind == SearchKind.Burst ? "burst" : "rate")}\nthe best {top.Count} candidates, mean of each probe's replications",
            kind == SearchKind.Burst ? "containers started at once" : "container starts per second",
            condition.Metric.Label,
            series,
            LogX: true,
            LogY: positive,
            Reference: new ReferenceLine($"bound: {condition}", condition.Bound));
    }
}
