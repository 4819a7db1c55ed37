namespace MountSim.Reporting;

/// <summary>
/// One bar of an <see cref="IntervalBarChart"/>: its category's <paramref name="Label"/>, its
/// <paramref name="Value"/> (NaN: neither bar nor whisker, the label keeps its place) and the ends of its
/// interval, each NaN or infinite where it has none (a boundary search that held up to its maximum has no
/// upper end). <paramref name="Group"/> is the bar's place in the chart's groups, and so its colour; null is the first.
/// </summary>
public sealed record IntervalBar(string Label, double Value, double Low, double High, int? Group = null);
