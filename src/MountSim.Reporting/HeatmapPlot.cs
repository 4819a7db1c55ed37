using System.Globalization;
using ScottPlot;

namespace MountSim.Reporting;

/// <summary>Draws a <see cref="HeatmapChart"/>: one cell per pair of parameter values, a colour bar, values in the cells when they fit.</summary>
internal static class HeatmapPlot
{
    // Up to this many cells a side, each cell is large enough to print its value in.
    private const int MostCellsWithValues = 14;

    public static Plot Draw(HeatmapChart chart)
    {
        var rows = chart.Values.GetLength(0);
        var columns = chart.Values.GetLength(1);
        if (rows != chart.YValues.Count || columns != chart.XValues.Count)
        {
            throw new ArgumentException(
                $"Values are {rows} by {columns}, but there are {chart.YValues.Count} y values and {chart.XValues.Count} x values.", nameof(chart));
        }

        var plot = ChartStyle.NewPlot(chart.Title, chart.XLabel, chart.YLabel);
        if (rows == 0 || columns == 0)
        {
            ChartStyle.ShowNoData(plot);
            return plot;
        }

        var heatmap = plot.Add.Heatmap(chart.Values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.LightGray;
        // Cell centres on integer positions, the first y value at the bottom as on any other y axis.
        heatmap.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5);
        heatmap.FlipVertically = true;
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = chart.ValueLabel;
        colorBar.LabelStyle.FontName = ChartStyle.FontName;
        colorBar.LabelStyle.FontSize = 15;
        colorBar.LabelStyle.Bold = true;
        colorBar.Axis.TickLabelStyle.FontName = ChartStyle.FontName;
        colorBar.Axis.TickLabelStyle.FontSize = 13;

        CategoryTicks.Label(plot, chart.XValues);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(row => (double)row)], [.. chart.YValues]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        if (rows <= MostCellsWithValues && columns <= MostCellsWithValues)
        {
            PrintValues(plot, heatmap, chart.Values);
        }

        return plot;
    }

    private static void PrintValues(Plot plot, ScottPlot.Plottables.Heatmap heatmap, double[,] values)
    {
        var range = heatmap.GetRange();
        for (var row = 0; row < values.GetLength(0); row++)
        {
            for (var column = 0; column < values.GetLength(1); column++)
            {
                var value = values[row, column];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                var text = plot.Add.Text(CellText(value), column, row);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontName = ChartStyle.FontName;
                text.LabelFontSize = 12;
                var span = range.Max - range.Min;
                var share = span > 0 ? (value - range.Min) / span : 0.5;
                text.LabelFontColor = IsLight(heatmap.Colormap.GetColor(share)) ? Colors.Black : Colors.White;
            }
        }
    }

    private static bool IsLight(Color color) => (0.299 * color.R) + (0.587 * color.G) + (0.114 * color.B) > 140;

    /// <summary>Three significant digits as people write them: 27.1, 274, 1,310, 58,600; no exponent below a billion.</summary>
    internal static string CellText(double value)
    {
        if (value == 0 || Math.Abs(value) >= 1e9 || Math.Abs(value) < 1e-3)
        {
            return value.ToString("G3", CultureInfo.InvariantCulture);
        }

        var digits = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var rounded = Math.Round(value / Math.Pow(10, digits - 2)) * Math.Pow(10, digits - 2);
        return rounded.ToString(digits >= 2 ? "#,0" : "#,0.###", CultureInfo.InvariantCulture);
    }
}
