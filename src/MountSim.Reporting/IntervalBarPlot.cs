using ScottPlot;

namespace MountSim.Reporting;

/// <summary>
/// Draws an <see cref="IntervalBarChart"/>: a bar per category from 0 to its value, its interval as a dark
/// whisker capped at each end it has, and the reference as a dashed line across the chart.
/// </summary>
internal static class IntervalBarPlot
{
    private const double BarWidth = 0.6;

    // In category widths: narrower than the bar, so a whisker reads as its bar's own.
    private const double CapHalfWidth = 0.12;

    private const float WhiskerWidth = 1.5f;

    private static readonly Color WhiskerColor = Colors.Black;

    public static Plot Draw(IntervalBarChart chart)
    {
        Check(chart);
        var plot = ChartStyle.NewPlot(chart.Title, string.Empty, chart.YLabel);
        if (!chart.Bars.Any(bar => double.IsFinite(bar.Value)))
        {
            ChartStyle.ShowNoData(plot);
            return plot;
        }

        var bars = new List<Bar>();
        for (var position = 0; position < chart.Bars.Count; position++)
        {
            var bar = chart.Bars[position];
            if (!double.IsFinite(bar.Value))
            {
                continue;
            }

            bars.Add(new Bar
            {
                Position = position,
                Value = bar.Value,
                Size = BarWidth,
                FillColor = ChartStyle.ColorOf(bar.Group ?? 0),
                LineColor = Colors.White,
                LineWidth = 1,
            });
        }

        plot.Add.Bars(bars);
        for (var position = 0; position < chart.Bars.Count; position++)
        {
            DrawWhisker(plot, position, chart.Bars[position]);
        }

        foreach (var (name, index) in (chart.Groups ?? []).Select((name, index) => (name, index)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = ChartStyle.ColorOf(index) });
        }

        if (chart.Reference is { } reference)
        {
            var line = plot.Add.HorizontalLine(reference.Value, WhiskerWidth, WhiskerColor, LinePattern.Dashed);
            line.EnableAutoscale = true;
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = reference.Label,
                LineColor = WhiskerColor,
                LineWidth = WhiskerWidth,
                LinePattern = LinePattern.Dashed,
            });
        }

        if (plot.Legend.ManualItems.Count > 0)
        {
            // Above the bars, as on the stacked bar chart: the bars keep the full width for their names.
            ChartStyle.ShowLegend(plot, Edge.Top);
        }

        CategoryTicks.Label(plot, [.. chart.Bars.Select(bar => bar.Label)]);
        if (Lowest(chart) >= 0)
        {
            // Bars stand on the axis rather than above a strip of nothing.
            plot.Axes.Margins(bottom: 0);
        }

        // Every category keeps its slot, one without a bar at either end included.
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(-0.5, chart.Bars.Count - 0.5);
        return plot;
    }

    /// <summary>The stem from the interval's lower end to its upper one (the value stands in for an end it lacks), and a cap at each end it has.</summary>
    private static void DrawWhisker(Plot plot, int position, IntervalBar bar)
    {
        double? low = double.IsFinite(bar.Low) ? bar.Low : null;
        double? high = double.IsFinite(bar.High) ? bar.High : null;
        if (!double.IsFinite(bar.Value) || (low is null && high is null))
        {
            return;
        }

        Segment(plot, position, low ?? bar.Value, position, high ?? bar.Value);
        foreach (var end in new[] { low, high }.OfType<double>())
        {
            Segment(plot, position - CapHalfWidth, end, position + CapHalfWidth, end);
        }
    }

    private static void Segment(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = WhiskerColor;
        line.LineWidth = WhiskerWidth;
    }

    private static double Lowest(IntervalBarChart chart) =>
        chart.Bars.Where(bar => double.IsFinite(bar.Value))
            .SelectMany(bar => new[] { bar.Value, bar.Low })
            .Append(chart.Reference?.Value ?? 0)
            .Where(double.IsFinite)
            .Min();

    private static void Check(IntervalBarChart chart)
    {
        var groups = chart.Groups?.Count;
        foreach (var bar in chart.Bars)
        {
            if (double.IsFinite(bar.Low) && double.IsFinite(bar.High) && bar.Low > bar.High)
            {
                throw new ArgumentException($"Bar '{bar.Label}': its interval's low end {bar.Low} is above its high end {bar.High}.", nameof(chart));
            }

            if (bar.Group is { } group && (group < 0 || group >= groups))
            {
                throw new ArgumentException(
                    $"Bar '{bar.Label}': group {group} is {(groups is null ? "below 0" : $"not one of the chart's {groups} groups")}.", nameof(chart));
            }
        }

        if (chart.Reference is { } reference && !double.IsFinite(reference.Value))
        {
            throw new ArgumentException($"Reference line '{reference.Label}' has no finite value.", nameof(chart));
        }
    }
}
