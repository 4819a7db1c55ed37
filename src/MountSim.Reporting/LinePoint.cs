namespace MountSim.Reporting;

/// <summary>One point of a line: the mean over replications and its 95% confidence interval (NaN bounds: no interval).</summary>
public sealed record LinePoint(double X, double Mean, double Low, double High);
