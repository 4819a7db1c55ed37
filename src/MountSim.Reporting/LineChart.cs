namespace MountSim.Reporting;

/// <summary>A swept parameter against a metric, one series per value of another parameter, CI as error bars.</summary>
public sealed record LineChart(
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<LineSeries> Series,
    bool LogX = false,
    bool LogY = false,
    ReferenceLine? Reference = null) : Chart(Title);
