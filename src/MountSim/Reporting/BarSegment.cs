namespace MountSim.Reporting;

/// <summary>One part of every bar of a <see cref="StackedBarChart"/>: one value per category.</summary>
public sealed record BarSegment(string Name, IReadOnlyList<double> Values);
