namespace MountSim.Reporting;

/// <summary>Stacked bars: one bar per category, each split into segments (e.g. CPU time by state).</summary>
public sealed record StackedBarChart(
    string Title,
    string YLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<BarSegment> Segments) : Chart(Title);
