namespace MountSim.Reporting;

/// <summary>A horizontal line across an <see cref="IntervalBarChart"/> at <paramref name="Value"/>, named in the legend.</summary>
public sealed record ReferenceLine(string Label, double Value);
