namespace MountSim.Reporting;

/// <summary>
/// One part of every bar of a <see cref="StackedBarChart"/>: one value per category. A
/// <paramref name="Background"/> segment (what is left, such as idle time) is drawn in light grey,
/// so the eye goes to the others.
/// </summary>
public sealed record BarSegment(string Name, IReadOnlyList<double> Values, bool Background = false);
