namespace MountSim.Reporting;

/// <summary>One bar of an <see cref="IntervalBarChart"/>: its label, its value, and its interval (NaN ends: none on that side).</summary>
public sealed record IntervalBar(string Label, double Value, double Low, double High);
