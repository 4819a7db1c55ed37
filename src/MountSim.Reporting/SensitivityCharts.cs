using System.Globalization;
using MountSim.Sensitivity.Studies;

namespace MountSim.Reporting;

/// <summary>
/// A sensitivity study's plots, per configuration and output: Morris's mu* against sigma (a figure far right
/// matters; high up, it acts through interactions or non-linearly) and a tornado of the one-at-a-time runs.
/// </summary>
public static class SensitivityCharts
{
    /// <summary>Figures with a series of their own in the Morris chart (as many as its legend shows); the rest share one.</summary>
    public const int NamedFigures = 4;

    /// <summary>A label longer than this loses its middle: a recipe step's path would squeeze the plot to a sliver.</summary>
    public const int LabelLength = 40;

    /// <summary>Rows of a tornado chart: the widest swings.</summary>
    public const int TornadoRows = 12;

    public static IReadOnlyList<SensitivityChart> Save(SensitivityStudy study, IReadOnlyList<ConfigurationAnalysis> analyses, SensitivityFolder folder)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(analyses);
        ArgumentNullException.ThrowIfNull(folder);
        var saved = new List<SensitivityChart>();
        foreach (var a in analyses)
        {
            for (var o = 0; o < study.Outputs.Count; o++)
            {
                var stem = string.Create(CultureInfo.InvariantCulture, $"c{a.Configuration.Index:000}-{study.Outputs[o].Name}");
                if (a.Morris[o] is not null)
                {
                    saved.Add(Add(folder, a.Configuration.Index, o, stem + "-morris", Morris(study, a, o)));
                }

                if (double.IsFinite(a.Nominal(o)))
                {
                    saved.Add(Add(folder, a.Configuration.Index, o, stem + "-tornado", Tornado(study, a, o)));
                }
            }
        }

        return saved;
    }

    private static SensitivityChart Add(SensitivityFolder folder, int configuration, int output, string stem, Chart chart)
    {
        folder.WriteChart(stem, ChartFiles.Render(chart));
        return new SensitivityChart(configuration, output, new SavedChart(chart.Title.Replace("\n", ": ", StringComparison.Ordinal), stem));
    }

    private static LineChart Morris(SensitivityStudy study, ConfigurationAnalysis a, int output)
    {
        var metric = study.Outputs[output];
        var effects = a.Morris[output]!.Effects;
        var ranking = a.Ranking(output);
        LinePoint Point(int i) => new(effects[i].MuStar, effects[i].Sigma, double.NaN, double.NaN);
        var series = ranking.Take(NamedFigures).Select(i => new LineSeries(Label(a, i), [Point(i)], MarkersOnly: true)).ToList();
        if (ranking.Count > NamedFigures)
        {
            series.Add(new LineSeries("others", [.. ranking.Skip(NamedFigures).Select(Point)], MarkersOnly: true));
        }

        return new LineChart(
            $"Morris screening of {metric.Description}\n{a.Configuration.Describe()}, {a.Morris[output]!.Trajectories} trajectories",
            $"mu*, mean |effect| across a figure's range ({Unit(metric.Unit)})",
            $"sigma, spread of the effects ({Unit(metric.Unit)})",
            series);
    }

    private static TornadoChart Tornado(SensitivityStudy study, ConfigurationAnalysis a, int output)
    {
        var metric = study.Outputs[output];
        var bars = Enumerable.Range(0, a.Figures.Count)
            .OrderByDescending(i => a.Swing(i, output)).ThenBy(i => FigureNames.Of(a.Figures[i].Id), StringComparer.Ordinal)
            .Take(TornadoRows)
            .Select(i => new TornadoBar(Label(a, i), a.AtLow(i, output), a.AtHigh(i, output)));
        return new TornadoChart(
            $"One figure at a time: {metric.Description}\n{a.Configuration.Describe()}, every other figure nominal",
            metric.Label,
            a.Nominal(output),
            [.. bars]);
    }

    /// <summary>The figure's name, its middle elided past <see cref="LabelLength"/> characters: the home and the key's end stay.</summary>
    private static string Label(ConfigurationAnalysis a, int figure)
    {
        var name = FigureNames.Of(a.Figures[figure].Id);
        const int Head = 16;
        return name.Length <= LabelLength ? name : string.Concat(name.AsSpan(0, Head), "...", name.AsSpan(name.Length - (LabelLength - Head - 3)));
    }

    private static string Unit(string unit) => unit.Length == 0 ? "share" : unit;
}
