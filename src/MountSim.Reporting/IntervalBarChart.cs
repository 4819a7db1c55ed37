namespace MountSim.Reporting;

/// <summary>One bar per category, each with the interval its value is known to (e.g. a plan's boundary and where the objective broke).</summary>
public sealed record IntervalBarChart(string Title, string YLabel, IReadOnlyList<IntervalBar> Bars) : Chart(Title);
