using ScottPlot;

namespace MountSim.Reporting;

/// <summary>Draws a <see cref="CdfChart"/>: one step line per series, each rising from 0 to 1.</summary>
internal static class CdfPlot
{
    public static Plot Draw(CdfChart chart)
    {
        var plot = ChartStyle.NewPlot(chart.Title, chart.XLabel, "fraction of samples at or below");
        if (chart.LogX)
        {
            LogTicks.Use(plot.Axes.Bottom);
        }

        var anyPoint = false;
        for (var index = 0; index < chart.Series.Count; index++)
        {
            anyPoint |= DrawSeries(plot, chart, chart.Series[index], ChartStyle.ColorOf(index));
        }

        if (!anyPoint)
        {
            ChartStyle.ShowNoData(plot);
            return plot;
        }

        ChartStyle.ShowLegend(plot);
        plot.Axes.AutoScale();
        // A little room above 1 and below 0, so the ends of the steps do not hide in the frame.
        plot.Axes.SetLimitsY(-0.03, 1.03);
        return plot;
    }

    /// <summary>Adds one series; false when none of its points can be shown (a log axis drops values &lt;= 0).</summary>
    private static bool DrawSeries(Plot plot, CdfChart chart, CdfSeries series, Color color)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (value, fraction) in series.Points.OrderBy(p => p.Value).ThenBy(p => p.Fraction))
        {
            var x = chart.LogX ? Math.Log10(value) : value;
            if ((chart.LogX && value <= 0) || !double.IsFinite(x) || !double.IsFinite(fraction))
            {
                continue;
            }

            // The step up to the first fraction starts from 0.
            if (xs.Count == 0 && fraction > 0)
            {
                xs.Add(x);
                ys.Add(0);
            }

            xs.Add(x);
            ys.Add(fraction);
        }

        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
        line.LegendText = series.Name;
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        return xs.Count > 0;
    }
}
