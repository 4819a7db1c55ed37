namespace MountSim.Reporting;

/// <summary>Empirical CDF: points (value, fraction of samples &lt;= value), fraction rising from 0 to 1.</summary>
public sealed record CdfSeries(string Name, IReadOnlyList<(double Value, double Fraction)> Points);
