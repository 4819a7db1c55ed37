namespace MountSim.Reporting;

/// <summary>
/// A swept parameter against a metric, one series per value of another parameter, CI as error bars; points with an
/// uncertainty band get it shaded, named in the legend by <paramref name="BandLabel"/>.
/// </summary>
public sealed record LineChart(
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<LineSeries> Series,
    bool LogX = false,
    bool LogY = false,
    ReferenceLine? Reference = null,
    string BandLabel = "uncertainty band") : Chart(Title);
