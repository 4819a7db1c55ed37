namespace MountSim.Reporting;

/// <summary>
/// One line of a <see cref="LineChart"/>, named in the legend; with <paramref name="MarkersOnly"/> its
/// points stand alone (a scatter of pairs that no order connects, such as predicted against measured).
/// </summary>
public sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points, bool MarkersOnly = false);
