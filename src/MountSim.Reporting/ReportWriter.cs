using System.Globalization;
using System.Text;
using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>
/// <c>report.md</c>: what was run, a summary table and the plots, readable on its own. It holds nothing of where,
/// when or how the runs ran (that is <c>metadata.json</c>'s), so one experiment gives the same report run whole
/// or in shards merged, on any machine, with any <c>--jobs</c>.
/// </summary>
public static class ReportWriter
{
    /// <summary>Metrics shown in the report's table; summary.csv has them all.</summary>
    private const int TableMetrics = 5;

    public static string Write(ExperimentPlan plan, IReadOnlyList<ConfigurationSummary> summaries, IReadOnlyList<SavedChart> charts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(charts);
        var experiment = plan.Experiment;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {experiment.Name}").AppendLine();
        if (experiment.Description.Length > 0)
        {
            md.AppendLine(experiment.Description).AppendLine();
        }

        md.AppendLine("## What was run").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- experiment: `{ResultsFolder.ExperimentFile}` (a copy of `{Path.GetFileName(experiment.File)}` as run)");
        var perConfiguration = experiment.UncertaintySamples > 0
            ? string.Create(CultureInfo.InvariantCulture, $"({experiment.Replications} replications + {experiment.UncertaintySamples} uncertainty samples)")
            : string.Create(CultureInfo.InvariantCulture, $"{experiment.Replications} replications");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {plan.Configurations.Count} configurations x {perConfiguration} = {plan.RunCount} runs, seed {experiment.Seed} (run i draws its random streams from seed and i)");
        if (experiment.UncertaintySamples > 0)
        {
            var figures = plan.Configurations.Select(c => plan.UncertaintyOf(c)!.Figures.Figures.Count).ToList();
            md.AppendLine(CultureInfo.InvariantCulture, $"- uncertainty: each configuration's {(figures.Min() == figures.Max() ? figures[0].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{figures.Min()} to {figures.Max()}"))} uncertain figures (every figure with a range in its topology, kernel and runtime profiles and the scenario's sources: `mountsim topology show`, `kernel show`, `runtime show`) drawn in {experiment.UncertaintySamples} Latin-hypercube samples, each figure's values the same in every configuration that has it; each sample is one run. The band is the 5% to 95% quantiles of a metric over the samples (`{ResultsFolder.SummaryTable}`: band_p5, band_p95; `{ResultsFolder.UncertaintyTable}`: every sample's figures)");
        }
        if (experiment.StopWhen.Count > 0)
        {
            var stopped = summaries.Sum(s => s.Stopped);
            md.AppendLine(CultureInfo.InvariantCulture, $"- a run stops once {string.Join(" or ", experiment.StopWhen.Select(c => $"`{c}`"))} is certain: {stopped} of {plan.RunCount} runs stopped early, and their figures cover what ran (start latencies and failures are then lower bounds; `{ResultsFolder.RunsTable}` says which runs, column `stopped_by`)");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- how it ran (MountSim version and commit, machine, jobs, start and end, runs resumed or shards merged): `{ResultsFolder.MetadataFile}`");
        md.AppendLine();

        var swept = experiment.SweptFields;
        md.AppendLine("Swept:").AppendLine();
        foreach (var axis in experiment.Grid)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {axis.Field} (grid): {string.Join(", ", axis.Values.Select(ScenarioFields.Display))}");
        }

        foreach (var axis in experiment.Zip)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {axis.Field} (zipped): {string.Join(", ", axis.Values.Select(ScenarioFields.Display))}");
        }

        if (swept.Count == 0)
        {
            md.AppendLine("- nothing: one configuration, the base scenario");
        }

        md.AppendLine().AppendLine("## Summary").AppendLine();
        var shown = experiment.Metrics.Take(TableMetrics).ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"Mean over replications with the half-width of its 95% confidence interval (Student t){(experiment.UncertaintySamples > 0 ? ", then in brackets the 5-95% band over the uncertain figures' ranges" : string.Empty)}. All metrics, with standard deviations and percentiles, are in `{ResultsFolder.SummaryTable}`; every run's values in `{ResultsFolder.RunsTable}`.").AppendLine();
        md.AppendLine("| " + string.Join(" | ", swept.Concat(shown.Select(m => m.Label))) + " |");
        md.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", swept.Count)) + string.Concat(Enumerable.Repeat("---:|", shown.Count)));
        foreach (var summary in summaries)
        {
            var cells = swept.Select(summary.Configuration.ValueOf)
                .Concat(shown.Select((_, m) => Cell(summary.Metrics[m]) + (summary.Band is { } band ? BandCell(band[m]) : string.Empty)));
            md.AppendLine("| " + string.Join(" | ", cells) + " |");
        }

        if (charts.Count > 0)
        {
            md.AppendLine().AppendLine("## Plots").AppendLine();
            foreach (var chart in charts)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"### {chart.Title}").AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"![{chart.Title}]({ResultsFolder.PlotsFolder}/{chart.Stem}.png)").AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"[SVG]({ResultsFolder.PlotsFolder}/{chart.Stem}.svg)").AppendLine();
            }
        }

        return md.ToString();
    }

    private static string Cell(SummaryStatistics s)
    {
        if (double.IsNaN(s.Mean))
        {
            return "–";
        }

        var mean = Significant(s.Mean);
        return double.IsNaN(s.High) ? mean : $"{mean} ± {Significant(s.High - s.Mean)}";
    }

    private static string BandCell(SummaryStatistics band) =>
        double.IsNaN(band.P5) ? " [–]" : $" [{Significant(band.P5)}–{Significant(band.P95)}]";

    /// <summary>Three significant digits, no exponent for everyday magnitudes.</summary>
    private static string Significant(double value) =>
        value == 0 ? "0" : Math.Round(value, Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))))).ToString("#,0.###", CultureInfo.InvariantCulture);
}
