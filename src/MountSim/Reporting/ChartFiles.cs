using ScottPlot;

namespace MountSim.Reporting;

/// <summary>Writes charts to disk, each as a PNG for reading and an SVG for papers and slides.</summary>
public static class ChartFiles
{
    /// <summary>Writes <c>{stem}.png</c> and <c>{stem}.svg</c> into <paramref name="directory"/> (created if missing); returns both paths, PNG first.</summary>
    public static IReadOnlyList<string> Save(Chart chart, string directory, string stem)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        Directory.CreateDirectory(directory);
        var png = Path.Combine(directory, stem + ".png");
        var svg = Path.Combine(directory, stem + ".svg");
        using var plot = Draw(chart);
        plot.SavePng(png, ChartStyle.Width, ChartStyle.Height);
        File.WriteAllText(svg, SvgIds.Renumber(plot.GetSvgXml(ChartStyle.Width, ChartStyle.Height)));
        return [png, svg];
    }

    private static Plot Draw(Chart chart) => chart switch
    {
        LineChart line => LinePlot.Draw(line),
        CdfChart cdf => CdfPlot.Draw(cdf),
        StackedBarChart bars => StackedBarPlot.Draw(bars),
        HeatmapChart heatmap => HeatmapPlot.Draw(heatmap),
        _ => throw new ArgumentException($"No drawing for a {chart.GetType().Name}.", nameof(chart)),
    };
}
