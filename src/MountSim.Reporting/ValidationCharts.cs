using System.Globalization;
using MountSim.Calibration;

namespace MountSim.Reporting;

/// <summary>The charts of <c>mountsim validate</c>: <see cref="Validator"/>'s predictions against the measurements.</summary>
public static class ValidationCharts
{
    /// <summary>The name of each burst chart <see cref="BurstCharts"/> draws for these configurations: <c>burst-STRATEGY-LAYERS</c>.</summary>
    public static IReadOnlyList<string> BurstChartNames(IEnumerable<MeasuredConfiguration> configurations) =>
        [.. configurations.Where(c => c.Burst).Select(c => string.Create(CultureInfo.InvariantCulture, $"burst-{c.Strategy}-{c.Layers}")).Distinct()];

    /// <summary>
    /// Draws <see cref="Chart"/> as <c>{stem}.png</c>/<c>.svg</c> in <paramref name="directory"/> and each burst chart
    /// beside it as <c>{stem}-{name}</c>; returns every path written.
    /// </summary>
    public static IReadOnlyList<string> Save(IReadOnlyList<Prediction> predictions, string profileName, string directory, string stem) =>
        [
            .. ChartFiles.Save(Chart(predictions, profileName), directory, stem),
            .. BurstCharts(predictions, profileName).SelectMany(b => ChartFiles.Save(b.Chart, directory, $"{stem}-{b.Name}")),
        ];

    /// <summary>
    /// Per strategy and layer count, the start latency of bursts against their size: the measured p50, p90,
    /// p99 and mean as points, the model's as lines, named as <see cref="BurstChartNames"/> says. Empty when no burst was measured.
    /// </summary>
    public static IReadOnlyList<(string Name, LineChart Chart)> BurstCharts(IReadOnlyList<Prediction> predictions, string profileName)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var charts = new List<(string, LineChart)>();
        foreach (var strategy in predictions.Where(p => p.Configuration.Burst).GroupBy(p => (p.Configuration.Strategy, p.Configuration.Layers)))
        {
            var bursts = strategy.OrderBy(p => p.Configuration.Threads).ToList();
            List<LineSeries> series = [];
            var statistics = new (string, Func<LatencySummary, double>)[] { ("p50", s => s.P50), ("p90", s => s.P90), ("p99", s => s.P99), ("mean", s => s.Mean) };
            foreach (var (index, (name, pick)) in statistics.Index())
            {
                // A statistic's measured points and its predicted line in one colour.
                series.Add(new LineSeries($"measured {name}", [.. bursts.Select(p => new LinePoint(p.Configuration.Threads, pick(p.Measured) / 1e3, double.NaN, double.NaN))], MarkersOnly: true, Style: index));
                series.Add(new LineSeries($"predicted {name}", [.. bursts.Select(p => new LinePoint(p.Configuration.Threads, pick(p.Predicted) / 1e3, double.NaN, double.NaN))], Style: index));
            }

            charts.Add((string.Create(CultureInfo.InvariantCulture, $"burst-{strategy.Key.Strategy}-{strategy.Key.Layers}"), new LineChart(
                $"Start latency of a burst, {strategy.Key.Strategy}, {strategy.Key.Layers} layers ({profileName})",
                "container starts released at once",
                "start latency (ms)",
                series,
                LogX: true,
                LogY: true)));
        }

        return charts;
    }

    /// <summary>Predicted against measured p50 and p99 on log axes, with the y = x line a perfect prediction lies on.</summary>
    public static LineChart Chart(IReadOnlyList<Prediction> predictions, string profileName)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        static List<LinePoint> Points(IEnumerable<(double Measured, double Predicted)> pairs) =>
            [.. pairs.OrderBy(p => p.Measured).Select(p => new LinePoint(p.Measured, p.Predicted, double.NaN, double.NaN))];
        var p50 = Points(predictions.Select(p => (p.Measured.P50, p.Predicted.P50)));
        var p99 = Points(predictions.Select(p => (p.Measured.P99, p.Predicted.P99)));
        var all = p50.Concat(p99).ToList();
        var low = Math.Min(all.Min(p => p.X), all.Min(p => p.Mean));
        var high = Math.Max(all.Max(p => p.X), all.Max(p => p.Mean));
        return new LineChart(
            $"Predicted vs measured setup latency ({profileName})",
            "measured (us)",
            "predicted (us)",
            [
                new LineSeries("p50 of each configuration", p50, MarkersOnly: true),
                new LineSeries("p99 of each configuration", p99, MarkersOnly: true),
                new LineSeries("y = x", [new LinePoint(low, low, double.NaN, double.NaN), new LinePoint(high, high, double.NaN, double.NaN)]),
            ],
            LogX: true,
            LogY: true);
    }
}
