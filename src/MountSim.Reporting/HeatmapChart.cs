namespace MountSim.Reporting;

/// <summary>A metric over two parameters: <c>Values[y, x]</c>, one row per <see cref="YValues"/> entry.</summary>
public sealed record HeatmapChart(
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<string> XValues,
    IReadOnlyList<string> YValues,
    double[,] Values,
    string ValueLabel) : Chart(Title);
