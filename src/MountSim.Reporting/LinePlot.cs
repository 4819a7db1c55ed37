using ScottPlot;

namespace MountSim.Reporting;

/// <summary>
/// Draws a <see cref="LineChart"/>: markers joined by lines, the 95% CI of each mean as an error bar, and a
/// series' uncertainty band, where its points have one, shaded in its colour behind it.
/// </summary>
internal static class LinePlot
{
    public static Plot Draw(LineChart chart)
    {
        var plot = ChartStyle.NewPlot(chart.Title, chart.XLabel, chart.YLabel);
        if (chart.LogX)
        {
            LogTicks.Use(plot.Axes.Bottom);
        }

        if (chart.LogY)
        {
            LogTicks.Use(plot.Axes.Left);
        }

        var openBelow = new List<(Coordinates Mean, double Above, Color Color)>();
        var anyPoint = false;
        for (var index = 0; index < chart.Series.Count; index++)
        {
            var style = chart.Series[index].Style ?? index;
            anyPoint |= DrawSeries(plot, chart, chart.Series[index], ChartStyle.ColorOf(style), ChartStyle.MarkerOf(style), openBelow);
        }

        if (!anyPoint)
        {
            ChartStyle.ShowNoData(plot);
            return plot;
        }

        if (chart.Reference is { } reference && TryPlace(reference.Value, chart.LogY, out var level))
        {
            // Dashed and dark, so it reads as a bound rather than as one more series.
            var line = plot.Add.HorizontalLine(level, 1.5f, Colors.Black, LinePattern.Dashed);
            line.EnableAutoscale = true;
            line.LegendText = reference.Label;
        }

        ChartStyle.ShowLegend(plot);
        DrawOpenBelow(plot, openBelow);
        return plot;
    }

    /// <summary>Adds one series; false when none of its points can be shown (log axes drop values &lt;= 0).</summary>
    private static bool DrawSeries(
        Plot plot,
        LineChart chart,
        LineSeries series,
        Color color,
        MarkerShape marker,
        List<(Coordinates Mean, double Above, Color Color)> openBelow)
    {
        DrawBand(plot, chart, series, color);
        var xs = new List<double>();
        var ys = new List<double>();
        var bars = new ErrorBars();
        foreach (var point in series.Points.OrderBy(p => p.X))
        {
            if (!TryPlace(point.X, chart.LogX, out var x) || !TryPlace(point.Mean, chart.LogY, out var y))
            {
                continue;
            }

            xs.Add(x);
            ys.Add(y);
            if (!double.IsFinite(point.Low) || !double.IsFinite(point.High) || !TryPlace(point.High, chart.LogY, out var high))
            {
                continue;
            }

            var above = Math.Max(0, high - y);
            if (TryPlace(point.Low, chart.LogY, out var low))
            {
                bars.Add(x, y, above, Math.Max(0, y - low));
            }
            else
            {
                openBelow.Add((new Coordinates(x, y), above, color));
            }
        }

        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
        line.LegendText = series.Name;
        line.LineWidth = series.MarkersOnly ? 0 : 2;
        line.MarkerSize = 8;
        line.MarkerShape = marker;
        bars.AddTo(plot, color);
        return xs.Count > 0;
    }

    /// <summary>The band between the points' band ends, over the points that have both on the axes.</summary>
    private static void DrawBand(Plot plot, LineChart chart, LineSeries series, Color color)
    {
        var band = series.Points.OrderBy(p => p.X)
            .Select(p => (Ok: TryPlace(p.X, chart.LogX, out var x) & TryPlace(p.BandLow, chart.LogY, out var low) & TryPlace(p.BandHigh, chart.LogY, out var high), X: x, Low: low, High: high))
            .Where(p => p.Ok)
            .ToList();
        if (band.Count == 0)
        {
            return;
        }

        var fill = plot.Add.FillY([.. band.Select(p => p.X)], [.. band.Select(p => p.High)], [.. band.Select(p => p.Low)]);
        fill.FillColor = color.WithAlpha(0.2);
        fill.LineWidth = 0;
        fill.LegendText = $"{series.Name}: {chart.BandLabel}";
    }

    /// <summary>
    /// A lower CI bound of 0 or less has no place on a log axis: its bar runs to the bottom of the plot, so it
    /// is added once the axis limits are known.
    /// </summary>
    private static void DrawOpenBelow(Plot plot, List<(Coordinates Mean, double Above, Color Color)> openBelow)
    {
        if (openBelow.Count == 0)
        {
            return;
        }

        plot.Axes.AutoScale();
        var bottom = plot.Axes.GetLimits().Bottom;
        foreach (var group in openBelow.GroupBy(bar => bar.Color))
        {
            var bars = new ErrorBars();
            foreach (var (mean, above, _) in group)
            {
                bars.Add(mean.X, mean.Y, above, Math.Max(0, mean.Y - bottom));
            }

            bars.AddTo(plot, group.Key);
        }
    }

    private static bool TryPlace(double value, bool log, out double placed)
    {
        if (log)
        {
            return LogTicks.TryLog(value, out placed);
        }

        placed = value;
        return double.IsFinite(value);
    }

    /// <summary>The error bars of one series, gathered point by point.</summary>
    private sealed class ErrorBars
    {
        private readonly List<double> _xs = [];
        private readonly List<double> _ys = [];
        private readonly List<double> _above = [];
        private readonly List<double> _below = [];

        public void Add(double x, double y, double up, double down)
        {
            _xs.Add(x);
            _ys.Add(y);
            _above.Add(up);
            _below.Add(down);
        }

        public void AddTo(Plot plot, Color color)
        {
            if (_xs.Count == 0)
            {
                return;
            }

            var none = new double[_xs.Count];
            var bars = new ScottPlot.Plottables.ErrorBar(_xs, _ys, none, none, _above, _below)
            {
                Color = color,
                LineWidth = 1.5f,
                CapSize = 6,
            };
            plot.Add.Plottable(bars);
        }
    }
}
