using ScottPlot;

namespace MountSim.Reporting;

/// <summary>Draws an <see cref="IntervalBarChart"/>: a bar per category, its interval as an error bar.</summary>
internal static class IntervalBarPlot
{
    private const double BarWidth = 0.6;

    public static Plot Draw(IntervalBarChart chart)
    {
        var plot = ChartStyle.NewPlot(chart.Title, string.Empty, chart.YLabel);
        if (chart.Bars.Count == 0)
        {
            ChartStyle.ShowNoData(plot);
            return plot;
        }

        plot.Add.Bars(chart.Bars.Select((bar, i) => new Bar
        {
            Position = i,
            Value = double.IsFinite(bar.Value) ? bar.Value : 0,
            Size = BarWidth,
            FillColor = ChartStyle.ColorOf(0),
            LineColor = Colors.White,
            LineWidth = 1,
        }).ToList());

        // An open end (NaN) is drawn as no whisker on that side.
        var withInterval = chart.Bars.Select((bar, i) => (bar, i)).Where(b => double.IsFinite(b.bar.Value) && (double.IsFinite(b.bar.Low) || double.IsFinite(b.bar.High))).ToList();
        if (withInterval.Count > 0)
        {
            var none = new double[withInterval.Count];
            plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(
                [.. withInterval.Select(b => (double)b.i)],
                [.. withInterval.Select(b => b.bar.Value)],
                none,
                none,
                [.. withInterval.Select(b => double.IsFinite(b.bar.High) ? b.bar.High - b.bar.Value : 0)],
                [.. withInterval.Select(b => double.IsFinite(b.bar.Low) ? b.bar.Value - b.bar.Low : 0)])
            {
                Color = Colors.Black,
                LineWidth = 1.5f,
                CapSize = 6,
            });
        }

        CategoryTicks.Label(plot, [.. chart.Bars.Select(b => b.Label)]);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}
