namespace MountSim.Reporting;

/// <summary>Empirical CDFs of one quantity, one step line per series.</summary>
public sealed record CdfChart(string Title, string XLabel, IReadOnlyList<CdfSeries> Series, bool LogX = false) : Chart(Title);
