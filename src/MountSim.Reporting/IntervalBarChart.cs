namespace MountSim.Reporting;

/// <summary>
/// One bar per category (a host, a configuration) with the confidence interval of its value as a whisker,
/// and optionally a line to hold them against (a target, a baseline). <paramref name="Groups"/> names the
/// bars' groups in the legend, each in its colour; without it the bars share one colour and the legend
/// shows only the reference.
/// </summary>
public sealed record IntervalBarChart(
    string Title,
    string YLabel,
    IReadOnlyList<IntervalBar> Bars,
    ReferenceLine? Reference = null,
    IReadOnlyList<string>? Groups = null) : Chart(Title);
