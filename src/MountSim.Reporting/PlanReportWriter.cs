using System.Globalization;
using System.Text;
using MountSim.Experiments;
using MountSim.Planning;

namespace MountSim.Reporting;

/// <summary>
/// A plan's <c>report.md</c>: what was asked, the ranking per kind of search, the answer in plain words, the plots. It
/// holds nothing of where, when or how the simulations ran (that is <c>metadata.json</c>'s), so one plan gives the same
/// report run whole or in shards merged, on any machine, with any <c>--jobs</c>.
/// </summary>
public static class PlanReportWriter
{
    public static string Write(CapacityPlan plan, IReadOnlyList<CandidateBoundary> results, IReadOnlyList<SavedChart> charts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(charts);
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder().AppendLine(c, $"# {plan.Name}").AppendLine();
        if (plan.Description.Length > 0)
        {
            md.AppendLine(plan.Description).AppendLine();
        }

        md.AppendLine("## What was asked").AppendLine();
        md.AppendLine(c, $"- objective: {string.Join("; ", plan.Objective.Select(t => $"`{t}`"))} (each the mean over a probe's replications)");
        md.AppendLine(c, $"- candidates: {plan.Candidates.Count}{(plan.CandidateFields.Count == 0 ? string.Empty : $" ({string.Join(" x ", plan.CandidateFields)})")}; plan: `{PlanFolder.PlanFile}` (a copy of `{Path.GetFileName(plan.File)}`)");
        foreach (var kind in plan.Find)
        {
            var s = plan.SettingsOf(kind);
            md.AppendLine(kind == SearchKind.Burst
                ? string.Create(c, $"- burst: from {s.From} containers, doubling up to {s.Max}, bisecting to {s.Resolution:P0} (or one container)")
                : string.Create(c, $"- rate: Poisson arrivals for {s.SustainNs / 1e9:0.##} s, from {s.From} starts/s, doubling up to {s.Max}, bisecting to {s.Resolution:P0}"));
        }

        md.AppendLine(c, $"- each probe: {plan.Test.MinReplications} to {plan.Test.MaxReplications} replications, until every term's {plan.Test.Confidence:P0} Student-t interval is on one side of its bound; each run stopped once a term is certainly broken");
        md.AppendLine(c, $"- seed {plan.Seed}; replication r of every probe draws its streams from (seed, r)");
        md.AppendLine(c, $"- {results.Sum(r => r.Runs.Count)} simulations; how they ran (MountSim version and commit, machine, jobs, start and end, simulations kept from an interrupted attempt or shards merged): `{PlanFolder.MetadataFile}`").AppendLine();

        md.AppendLine("## Answer").AppendLine();
        foreach (var line in PlanAnswer.Lines(plan, results))
        {
            md.AppendLine("- " + line);
        }

        foreach (var kind in plan.Find)
        {
            md.AppendLine().AppendLine(c, $"## Ranking: {(kind == SearchKind.Burst ? "largest burst" : "highest sustained rate")}").AppendLine();
            md.AppendLine(c, $"| rank | {string.Join(" | ", plan.CandidateFields.Select(ScenarioFields.Label))} | {PlanAnswer.Unit(kind)} | breaks at | limited by | USD/h | per USD/h |");
            md.AppendLine("|---:|" + string.Concat(Enumerable.Repeat("---|", plan.CandidateFields.Count)) + "---:|---:|---|---:|---:|");
            foreach (var (r, rank) in PlanAnswer.Ranked(results.Where(r => r.Kind == kind)).Select((r, i) => (r, i + 1)))
            {
                md.AppendLine(string.Create(c, $"| {rank} | {string.Join(" | ", plan.CandidateFields.Select(r.Candidate.ValueOf))} | {r.Outcome.Boundary:0.###} | {(r.Outcome.Breaks is { } b ? b.ToString("0.###", c) : "not reached")} | {(r.BindingTerm is { } t ? $"`{plan.Objective[t]}`" : "–")} | {Number(r.UsdPerHour, "0.####")} | {Number(r.BoundaryPerUsdHour, "0.##")} |"));
            }
        }

        md.AppendLine().AppendLine(c, $"Every candidate's search is in `{PlanFolder.PlanTable}`, every simulation in `{PlanFolder.ProbesTable}`.");
        if (charts.Count > 0)
        {
            md.AppendLine().AppendLine("## Plots").AppendLine();
            md.AppendLine("Each term's plot shows every probe's mean over its replications. A run stopped once a term was certainly broken counts the floor it had reached, so past the bound a line may dip: it says the term broke, not by how much.").AppendLine();
            foreach (var chart in charts)
            {
                md.AppendLine(c, $"### {chart.Title}").AppendLine();
                md.AppendLine(c, $"![{chart.Title}]({PlanFolder.PlotsFolder}/{chart.Stem}.png)").AppendLine();
                md.AppendLine(c, $"[SVG]({PlanFolder.PlotsFolder}/{chart.Stem}.svg)").AppendLine();
            }
        }

        return md.ToString();
    }

    private static string Number(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
