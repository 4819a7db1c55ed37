using MountSim.Files;
using ScottPlot;

namespace MountSim.Reporting;

/// <summary>Draws charts, each as a PNG for reading and an SVG for papers and slides.</summary>
public static class ChartFiles
{
    /// <summary>Draws <paramref name="chart"/> as a PNG and an SVG.</summary>
    public static RenderedChart Render(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var plot = Draw(chart);
        return new RenderedChart(
            plot.GetImageBytes(ChartStyle.Width, ChartStyle.Height, ImageFormat.Png),
            SvgIds.Renumber(plot.GetSvgXml(ChartStyle.Width, ChartStyle.Height)));
    }

    /// <summary>The chart as an HTML image with its PNG inline: what a notebook displays.</summary>
    public static string ToHtml(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return $"<img alt=\"{System.Net.WebUtility.HtmlEncode(chart.Title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(Render(chart).Png)}\"/>";
    }

    /// <summary>Writes <c>{stem}.png</c> and <c>{stem}.svg</c> into <paramref name="directory"/> (created if missing), each whole or not at all; returns both paths, PNG first.</summary>
    public static IReadOnlyList<string> Save(Chart chart, string directory, string stem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        var rendered = Render(chart);
        Directory.CreateDirectory(directory);
        var png = Path.Combine(directory, stem + ".png");
        var svg = Path.Combine(directory, stem + ".svg");
        AtomicFile.Write(png, rendered.Png);
        AtomicFile.Write(svg, rendered.Svg);
        return [png, svg];
    }

    private static Plot Draw(Chart chart) => chart switch
    {
        LineChart line => LinePlot.Draw(line),
        CdfChart cdf => CdfPlot.Draw(cdf),
        StackedBarChart bars => StackedBarPlot.Draw(bars),
        IntervalBarChart bars => IntervalBarPlot.Draw(bars),
        HeatmapChart heatmap => HeatmapPlot.Draw(heatmap),
        TornadoChart tornado => TornadoPlot.Draw(tornado),
        _ => throw new ArgumentException($"No drawing for a {chart.GetType().Name}.", nameof(chart)),
    };
}
