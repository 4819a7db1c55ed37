using ScottPlot;

namespace MountSim.Reporting;

/// <summary>Draws a <see cref="StackedBarChart"/>: one bar per category, segments stacked in the order given.</summary>
internal static class StackedBarPlot
{
    private const double BarWidth = 0.6;

    public static Plot Draw(StackedBarChart chart)
    {
        foreach (var segment in chart.Segments)
        {
            if (segment.Values.Count != chart.Categories.Count)
            {
                throw new ArgumentException(
                    $"Segment '{segment.Name}' has {segment.Values.Count} values for {chart.Categories.Count} categories.", nameof(chart));
            }
        }

        var plot = ChartStyle.NewPlot(chart.Title, string.Empty, chart.YLabel);
        if (chart.Categories.Count == 0 || chart.Segments.Count == 0)
        {
            ChartStyle.ShowNoData(plot);
            return plot;
        }

        var bars = new List<Bar>();
        for (var category = 0; category < chart.Categories.Count; category++)
        {
            var top = 0.0;
            for (var index = 0; index < chart.Segments.Count; index++)
            {
                var value = chart.Segments[index].Values[category];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = category,
                    ValueBase = top,
                    Value = top + value,
                    Size = BarWidth,
                    FillColor = FillOf(chart.Segments[index], index),
                    LineColor = Colors.White,
                    LineWidth = 1,
                });
                top += value;
            }
        }

        plot.Add.Bars(bars);
        // The top segment comes first in the legend, as it does in the bars.
        var legend = chart.Segments.Select((segment, index) => new LegendItem { LabelText = segment.Name, FillColor = FillOf(segment, index) }).Reverse();
        plot.Legend.ManualItems.AddRange(legend);
        // Above the bars, so the bars get the full width and long category names need not be rotated.
        ChartStyle.ShowLegend(plot, Edge.Top);
        CategoryTicks.Label(plot, chart.Categories);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static Color FillOf(BarSegment segment, int index) => segment.Background ? Colors.LightGray : ChartStyle.ColorOf(index);
}
