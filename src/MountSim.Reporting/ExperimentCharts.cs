using System.Globalization;
using System.Text;
using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>
/// Turns an experiment's plot specs into charts over its summaries and saves them. A swept field a
/// plot neither lays out nor fixes with <c>where:</c> splits it into one chart per value combination.
/// </summary>
public static class ExperimentCharts
{
    public static IReadOnlyList<SavedChart> Save(ExperimentPlan plan, IReadOnlyList<ConfigurationSummary> summaries, ResultsFolder folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(folder);
        var experiment = plan.Experiment;
        var saved = new List<SavedChart>();
        for (var i = 0; i < experiment.Plots.Count; i++)
        {
            var spec = experiment.Plots[i];
            var selected = summaries.Where(s => spec.Where.All(w => s.Configuration.ValueOf(w.Key) == w.Value)).ToList();
            var facets = experiment.SweptFields.Except(spec.Fields).Except(spec.Where.Keys).ToList();
            foreach (var group in selected.GroupBy(s => string.Join(", ", facets.Select(f => $"{f} {s.Configuration.ValueOf(f)}"))))
            {
                var scope = string.Join(", ", spec.Where.Select(w => $"{w.Key} {w.Value}").Append(group.Key).Where(t => t.Length > 0));
                var chart = Chart(experiment, spec, [.. group], scope);
                var stem = Stem(i + 1, spec, scope);
                folder.WriteChart(stem, ChartFiles.Render(chart));
                saved.Add(new SavedChart(chart.Title.Replace("\n", ": ", StringComparison.Ordinal), stem));
            }
        }

        return saved;
    }

    /// <summary>What a line plot's shaded band is.</summary>
    internal const string UncertaintyBandLabel = "5-95% over the uncertain figures' ranges";

    private static Chart Chart(Experiment experiment, PlotSpec spec, List<ConfigurationSummary> summaries, string scope)
    {
        string Titled(string title) => scope.Length == 0 ? title : $"{title}\n{scope}";
        double MeanOf(ConfigurationSummary s, string metric) => s.Metrics[IndexOf(experiment, metric)].Mean;
        IEnumerable<IGrouping<string, ConfigurationSummary>> SeriesOf(string? field) =>
            summaries.GroupBy(s => field is null ? string.Empty : s.Configuration.ValueOf(field));

        switch (spec)
        {
            case LinePlotSpec line:
            {
                var metric = MetricCatalog.Find(line.Metric);
                var series = SeriesOf(line.Series).Select(g => new LineSeries(
                    line.Series is null ? metric.Description : $"{ScenarioFields.Label(line.Series)}: {g.Key}",
                    [.. g.Select(s =>
                    {
                        var m = IndexOf(experiment, line.Metric);
                        var st = s.Metrics[m];
                        var band = s.Band?[m];
                        return new LinePoint(double.Parse(s.Configuration.ValueOf(line.X), CultureInfo.InvariantCulture), st.Mean, st.Low, st.High, band?.P5 ?? double.NaN, band?.P95 ?? double.NaN);
                    }).OrderBy(p => p.X)])).ToList();
                return new LineChart(
                    Titled($"{Capitalized(metric.Description)} vs {ScenarioFields.Label(line.X)}"), ScenarioFields.Label(line.X), metric.Label, series, line.LogX, line.LogY, BandLabel: UncertaintyBandLabel);
            }

            case CdfPlotSpec cdf:
            {
                var series = SeriesOf(cdf.Series).Select(g => new CdfSeries(
                    cdf.Series is null ? "all starts" : $"{ScenarioFields.Label(cdf.Series)}: {g.Key}",
                    PooledPercentiles(g))).ToList();
                return new CdfChart(Titled("Container start latency, cumulative distribution"), "container start latency (ms)", series, cdf.LogX);
            }

            case CpuTimePlotSpec cpu:
            {
                var categories = summaries.Select(s => s.Configuration.ValueOf(cpu.X)).ToList();
                BarSegment Segment(string name, string metric, bool background = false) => new(name, [.. summaries.Select(s => MeanOf(s, metric))], background);
                return new StackedBarChart(
                    Titled($"CPU time by state, by {ScenarioFields.Label(cpu.X)}"),
                    "share of the host's CPU time",
                    categories,
                    [
                        Segment("working", "cpu_work"),
                        Segment("spinning on mount_lock (lookups in path_init included)", "cpu_spin_mount_lock"),
                        Segment("spinning on namespace_sem", "cpu_spin_namespace_sem"),
                        Segment("idle", "cpu_idle", background: true),
                    ]);
            }

            case HeatmapPlotSpec heat:
            {
                var metric = MetricCatalog.Find(heat.Metric);
                var xs = summaries.Select(s => s.Configuration.ValueOf(heat.X)).Distinct().ToList();
                var ys = summaries.Select(s => s.Configuration.ValueOf(heat.Y)).Distinct().ToList();
                var values = new double[ys.Count, xs.Count];
                for (var y = 0; y < ys.Count; y++)
                {
                    for (var x = 0; x < xs.Count; x++)
                    {
                        values[y, x] = summaries.FirstOrDefault(s => s.Configuration.ValueOf(heat.X) == xs[x] && s.Configuration.ValueOf(heat.Y) == ys[y]) is { } cell
                            ? MeanOf(cell, heat.Metric)
                            : double.NaN;
                    }
                }

                return new HeatmapChart(Titled($"{Capitalized(metric.Description)} by {ScenarioFields.Label(heat.X)} and {ScenarioFields.Label(heat.Y)}"), ScenarioFields.Label(heat.X), ScenarioFields.Label(heat.Y), xs, ys, values, metric.Label);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec, "unknown plot kind");
        }
    }

    /// <summary>The start latency distribution of a series, its replications' percentiles averaged point by point.</summary>
    private static List<(double Value, double Fraction)> PooledPercentiles(IEnumerable<ConfigurationSummary> summaries)
    {
        var replications = summaries.SelectMany(s => s.StartLatencyPercentilesMs).Where(p => p.Count == 101 && !double.IsNaN(p[0])).ToList();
        return replications.Count == 0
            ? []
            : [.. Enumerable.Range(0, 101).Select(p => (replications.Average(r => r[p]), p / 100.0))];
    }

    private static int IndexOf(Experiment experiment, string metric) => experiment.Metrics.ToList().FindIndex(m => m.Name == metric);

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A file name from the plot's place, kind and scope: letters, digits, '-', '_' and '.' only.</summary>
    private static string Stem(int number, PlotSpec spec, string scope)
    {
        var kind = spec switch
        {
            LinePlotSpec line => $"{line.Metric}-vs-{line.X}",
            CdfPlotSpec => "start-latency-cdf",
            CpuTimePlotSpec cpu => $"cpu-time-by-{cpu.X}",
            HeatmapPlotSpec heat => $"{heat.Metric}-by-{heat.X}-and-{heat.Y}",
            _ => "plot",
        };
        var text = new StringBuilder(number.ToString("00", CultureInfo.InvariantCulture)).Append('-').Append(kind);
        if (scope.Length > 0)
        {
            text.Append('-').Append(scope);
        }

        return new string([.. text.ToString().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Replace("--", "-", StringComparison.Ordinal);
    }
}
