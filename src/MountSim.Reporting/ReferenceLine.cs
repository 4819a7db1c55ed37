namespace MountSim.Reporting;

/// <summary>A horizontal line across an <see cref="IntervalBarChart"/> or a <see cref="LineChart"/> at <paramref name="Value"/> (a target, a bound), named in the legend.</summary>
public sealed record ReferenceLine(string Label, double Value);
