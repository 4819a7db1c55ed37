namespace MountSim.Reporting;

/// <summary>
/// One line of a <see cref="LineChart"/>, named in the legend; with <paramref name="MarkersOnly"/> its
/// points stand alone (a scatter of pairs that no order connects, such as predicted against measured).
/// Series of one <paramref name="Style"/> share a colour and a marker (a measured statistic and its
/// prediction); by default each series has the style of its place in the chart.
/// </summary>
public sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points, bool MarkersOnly = false, int? Style = null);
