using ScottPlot;

namespace MountSim.Reporting;

/// <summary>Draws a <see cref="TornadoChart"/>: rows sorted by swing, each end of the range a bar from the nominal output.</summary>
internal static class TornadoPlot
{
    private const double BarHeight = 0.6;

    public static Plot Draw(TornadoChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (!double.IsFinite(chart.Nominal))
        {
            throw new ArgumentException($"Tornado chart '{chart.Title}' has no finite nominal value.", nameof(chart));
        }

        var plot = ChartStyle.NewPlot(chart.Title, chart.XLabel, string.Empty);
        // Widest at the top: the rows are drawn from the bottom up.
        var rows = chart.Bars.OrderBy(b => double.IsNaN(b.Swing) ? -1 : b.Swing).ThenByDescending(b => b.Label, StringComparer.Ordinal).ToList();
        if (!rows.Any(b => double.IsFinite(b.Swing)))
        {
            ChartStyle.ShowNoData(plot);
            return plot;
        }

        var bars = new List<Bar>();
        for (var row = 0; row < rows.Count; row++)
        {
            foreach (var (value, end) in new[] { (rows[row].AtLow, 0), (rows[row].AtHigh, 1) })
            {
                if (double.IsFinite(value))
                {
                    bars.Add(new Bar { Position = row, ValueBase = chart.Nominal, Value = value, Size = BarHeight, FillColor = ChartStyle.ColorOf(end), LineColor = Colors.White, LineWidth = 1 });
                }
            }
        }

        plot.Add.Bars(bars).Horizontal = true;
        var nominal = plot.Add.VerticalLine(chart.Nominal, 1.5f, Colors.Black, LinePattern.Dashed);
        nominal.EnableAutoscale = true;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "figure at the low end of its range", FillColor = ChartStyle.ColorOf(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "figure at the high end", FillColor = ChartStyle.ColorOf(1) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "every figure nominal", LineColor = Colors.Black, LineWidth = 1.5f, LinePattern = LinePattern.Dashed });
        ChartStyle.ShowLegend(plot, Edge.Top);

        var positions = Enumerable.Range(0, rows.Count).Select(p => (double)p).ToArray();
        plot.Axes.Left.SetTicks(positions, [.. rows.Select(b => b.Label)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(-0.5, rows.Count - 0.5);
        return plot;
    }
}
