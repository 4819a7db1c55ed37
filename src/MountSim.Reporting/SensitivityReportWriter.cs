using System.Globalization;
using System.Text;
using MountSim.Experiments;
using MountSim.Sensitivity;
using MountSim.Sensitivity.Studies;
using MountSim.Yaml;

namespace MountSim.Reporting;

/// <summary>
/// A sensitivity study's <c>report.md</c>: what was run, which unknowns carry the result and how to pin each down,
/// per configuration and output a ranking table, the plots. It holds nothing of the machine, the time or the jobs
/// (metadata.json does), so the same file gives the same report.
/// </summary>
public static class SensitivityReportWriter
{
    /// <summary>Figures named per configuration and output in the plain-words section, at most.</summary>
    public const int TopFigures = 3;

    /// <summary>A figure matters to an output when its mu* is at least this share of the largest.</summary>
    public const double MattersShare = 0.1;

    /// <summary>Rows of each ranking table; sensitivity.csv has them all.</summary>
    public const int TableRows = 10;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Write(SensitivityStudy study, IReadOnlyList<ConfigurationAnalysis> analyses, IReadOnlyList<SensitivityChart> charts)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(analyses);
        ArgumentNullException.ThrowIfNull(charts);
        var md = new StringBuilder().AppendLine(C, $"# {study.Name}").AppendLine();
        if (study.Description.Length > 0)
        {
            md.AppendLine(study.Description).AppendLine();
        }

        WhatWasRun(md, study, analyses);
        WhatMatters(md, study, analyses);
        foreach (var a in analyses)
        {
            md.AppendLine().AppendLine(C, $"## Ranking: {a.Configuration.Describe()}").AppendLine();
            for (var o = 0; o < study.Outputs.Count; o++)
            {
                Ranking(md, study, a, o, charts);
            }
        }

        md.AppendLine().AppendLine(C, $"Every figure's effects and indices are in `{SensitivityFolder.ResultsTable}`, every simulation in `{SensitivityFolder.PointsTable}`.");
        return md.ToString();
    }

    /// <summary>The figures that matter to an output in a configuration: the first <see cref="TopFigures"/> by mu* with at least <see cref="MattersShare"/> of the largest.</summary>
    public static IReadOnlyList<int> Matters(ConfigurationAnalysis analysis, int output)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Morris[output] is not { } morris || !(morris.Effects.Max(e => e.MuStar) is var largest && largest > 0))
        {
            return [];
        }

        return [.. analysis.Ranking(output).Take(TopFigures).Where(i => morris.Effects[i].MuStar >= MattersShare * largest)];
    }

    private static void WhatWasRun(StringBuilder md, SensitivityStudy study, IReadOnlyList<ConfigurationAnalysis> analyses)
    {
        md.AppendLine("## What was run").AppendLine();
        md.AppendLine(C, $"- configurations: {study.Configurations.Count}{(study.ConfigurationFields.Count == 0 ? string.Empty : $" ({string.Join(" x ", study.ConfigurationFields)})")}, each analysed on its own; study: `{SensitivityFolder.StudyFile}` (a copy of `{Path.GetFileName(study.File)}`)");
        md.AppendLine(C, $"- outputs: {string.Join(", ", study.Outputs.Select(m => $"`{m.Name}` ({m.Description})"))}");
        md.AppendLine(study.Vary is null
            ? string.Create(C, $"- figures varied: every uncertain figure with a range, {string.Join(", ", analyses.Select(a => a.Figures.Count).Distinct())} per configuration; a range of a factor of {FigureSpace.LogScaleSpan:0} or more is sampled on a log scale")
            : string.Create(C, $"- figures varied: {string.Join(", ", study.Vary.Select(id => $"`{FigureNames.Of(id)}`"))}; a range of a factor of {FigureSpace.LogScaleSpan:0} or more is sampled on a log scale"));
        md.AppendLine("- one at a time: every figure nominal, then each figure alone at the low and at the high end of its range (the tornado charts)");
        md.AppendLine(C, $"- Morris screening: {study.Trajectories} trajectories on a grid of {study.Levels} levels, r(d + 1) simulations; figures ranked by mu*, the mean absolute change of the output across a figure's whole range");
        md.AppendLine(C, $"- Sobol' indices: Saltelli's design with N = {study.BaseSamples} over the {study.Keep} figures screening ranks highest (by the largest over outputs of mu* over the output's largest mu*), the others nominal, N(k + 2) simulations; first-order by Saltelli 2010, total by Jansen 1999");
        md.AppendLine(C, $"- intervals: {study.Bootstrap.Confidence:P0} bootstrap percentile intervals, {study.Bootstrap.Resamples} resamples");
        md.AppendLine(C, $"- seed {study.Seed}; common random numbers: every simulation of configuration c draws its streams from (seed, c), so two runs differ by their figures, not by their luck");
        md.AppendLine(C, $"- {analyses.Sum(a => a.Simulations.Count())} simulations").AppendLine();
    }

    private static void WhatMatters(StringBuilder md, SensitivityStudy study, IReadOnlyList<ConfigurationAnalysis> analyses)
    {
        md.AppendLine("## Which unknowns carry the result").AppendLine();
        md.AppendLine(C, $"Per output and configuration, the figures with the largest Morris mu* (at most {TopFigures}, each at least {MattersShare:P0} of the largest); S_T is the figure's total Sobol' index, its share of the output's variance with all its interactions.").AppendLine();
        var matter = new List<(FigureId Id, UncertainFigure Figure, ConfigurationAnalysis Analysis, string Output)>();
        for (var o = 0; o < study.Outputs.Count; o++)
        {
            md.AppendLine(C, $"### {Capitalized(study.Outputs[o].Description)} (`{study.Outputs[o].Name}`)").AppendLine();
            foreach (var a in analyses)
            {
                if (a.Morris[o] is null)
                {
                    md.AppendLine(C, $"- {a.Configuration.Describe()}: not analysable, a run gave no value (at nominal: {Value(a.Nominal(o))} {study.Outputs[o].Unit})");
                    continue;
                }

                var top = Matters(a, o);
                var named = top.Select(i =>
                {
                    var effect = a.Morris[o]!.Effects[i];
                    var total = a.SobolOf(i, o) is { } s && double.IsFinite(s.Total) ? string.Create(C, $", S_T {s.Total:0.00}") : string.Empty;
                    return $"`{FigureNames.Of(a.Figures[i].Id)}` (mu* {Value(effect.MuStar)} {study.Outputs[o].Unit}{total})";
                });
                md.AppendLine(top.Count == 0
                    ? string.Create(C, $"- {a.Configuration.Describe()}: no figure moves it (at nominal: {Value(a.Nominal(o))} {study.Outputs[o].Unit})")
                    : string.Create(C, $"- {a.Configuration.Describe()} (nominal {Value(a.Nominal(o))} {study.Outputs[o].Unit}): {string.Join(", ", named)}"));
                matter.AddRange(top.Select(i => (a.Figures[i].Id, a.Figures[i], a, study.Outputs[o].Name)));
            }

            md.AppendLine();
        }

        md.AppendLine("### What to measure").AppendLine();
        var groups = matter.GroupBy(m => m.Id).OrderByDescending(g => g.Count()).ThenBy(g => FigureNames.Of(g.Key), StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            md.AppendLine("No figure moves any output: every one can stay at its nominal value.");
            return;
        }

        foreach (var g in groups)
        {
            var figure = g.First().Figure;
            var analysis = g.First().Analysis;

            // A figure of several configurations' files (each topology's nr_possible_cpus) is named with each of them.
            var homes = string.Join("; ", g.DistinctBy(m => HomeOf(m.Analysis, m.Figure)).Select(m => $"{HomeOf(m.Analysis, m.Figure)}: {m.Figure.Domain.Format(m.Figure.Nominal)} in {m.Figure.Describe()}"));
            md.AppendLine(C, $"- **`{FigureNames.Of(g.Key)}`** ({homes}), matters for {string.Join(", ", g.Select(m => m.Output).Distinct().Select(n => $"`{n}`"))} in {g.Select(m => m.Analysis.Configuration.Index).Distinct().Count()} of {analyses.Count} configurations.");
            md.AppendLine(C, $"  Why the range: {figure.Why}");
            md.AppendLine(figure.Measure is { } measure
                ? $"  Pin it down: {measure}"
                : $"  Pin it down: no measurement is named for it; measure it where its source says ({HomeOf(analysis, figure)}: {figure.Source})");
        }

        var all = analyses.SelectMany(a => a.Figures.Select(f => f.Id)).Distinct().Count();
        md.AppendLine().AppendLine(C, $"The other {all - groups.Count} of the {all} figures varied move no output this much: at their nominal values they do not change the result.");
    }

    private static void Ranking(StringBuilder md, SensitivityStudy study, ConfigurationAnalysis a, int o, IReadOnlyList<SensitivityChart> charts)
    {
        var metric = study.Outputs[o];
        md.AppendLine(C, $"### {Capitalized(metric.Description)} (`{metric.Name}`, {metric.Unit})").AppendLine();
        md.AppendLine(C, $"At every figure's nominal value: {Value(a.Nominal(o))}.").AppendLine();
        if (a.Morris[o] is null)
        {
            md.AppendLine("Not analysable: a run gave no value (e.g. no start finished). The one-at-a-time runs are in the tornado chart and points.csv.").AppendLine();
        }

        md.AppendLine("| rank | figure | range | mu* [interval] | sigma | S1 [interval] | S_T [interval] | at low | at high |");
        md.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (i, rank) in a.Ranking(o).Take(TableRows).Select((i, r) => (i, r + 1)))
        {
            var figure = a.Figures[i];
            var effect = a.Morris[o]?.Effects[i];
            var sobol = a.SobolOf(i, o);
            md.AppendLine(string.Create(C, $"| {rank} | `{FigureNames.Of(figure.Id)}` | {figure.Describe()} | {(effect is null ? "–" : $"{Value(effect.MuStar)} {Interval(effect.MuStarInterval?.Low, effect.MuStarInterval?.High)}")} | {(effect is null ? "–" : Value(effect.Sigma))} | {(sobol is null ? "–" : $"{Share(sobol.FirstOrder)} {Interval(sobol.FirstOrderInterval.Low, sobol.FirstOrderInterval.High, share: true)}")} | {(sobol is null ? "–" : $"{Share(sobol.Total)} {Interval(sobol.TotalInterval.Low, sobol.TotalInterval.High, share: true)}")} | {Value(a.AtLow(i, o))} | {Value(a.AtHigh(i, o))} |"));
        }

        if (a.Figures.Count > TableRows)
        {
            md.AppendLine().AppendLine(C, $"{a.Figures.Count - TableRows} more figures in `{SensitivityFolder.ResultsTable}`.");
        }

        md.AppendLine();
        foreach (var chart in charts.Where(c => c.Configuration == a.Configuration.Index && c.Output == o))
        {
            md.AppendLine(C, $"![{chart.Saved.Title}]({SensitivityFolder.PlotsFolder}/{chart.Saved.Stem}.png) ([SVG]({SensitivityFolder.PlotsFolder}/{chart.Saved.Stem}.svg))").AppendLine();
        }
    }

    private static string HomeOf(ConfigurationAnalysis analysis, UncertainFigure figure)
    {
        var scenario = analysis.Configuration.Scenario;
        return figure.Home switch
        {
            FigureHome.Topology => $"topology {scenario.Topology.Name}",
            FigureHome.KernelProfile => $"kernel profile {scenario.Kernel.Name}",
            FigureHome.RuntimeProfile => $"runtime profile {scenario.Runtime.Name}",
            _ => "an assumption of the scenario: the study's sources: or experiments/assumptions/defaults.yaml",
        };
    }

    /// <summary>Three significant digits, thousands grouped; a dash for no value.</summary>
    private static string Value(double value)
    {
        if (!double.IsFinite(value))
        {
            return "–";
        }

        if (value == 0)
        {
            return "0";
        }

        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        if (digits > 6)
        {
            return value.ToString("0.##E+0", C);
        }

        return Math.Round(value, digits).ToString(digits == 0 ? "#,0" : "#,0." + new string('#', digits), C);
    }

    private static string Share(double value) => double.IsFinite(value) ? value.ToString("0.00", C) : "–";

    private static string Interval(double? low, double? high, bool share = false) =>
        low is { } l && high is { } h && double.IsFinite(l) && double.IsFinite(h) ? $"[{(share ? Share(l) : Value(l))}, {(share ? Share(h) : Value(h))}]" : string.Empty;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
