namespace MountSim.Reporting;

/// <summary>
/// One point of a line: the mean over replications and its 95% confidence interval (NaN bounds: no interval), and
/// optionally the band the uncertain figures' ranges give (<paramref name="BandLow"/> to <paramref name="BandHigh"/>,
/// e.g. their 5% and 95% quantiles; NaN: no band), drawn shaded around the line.
/// </summary>
public sealed record LinePoint(double X, double Mean, double Low, double High, double BandLow = double.NaN, double BandHigh = double.NaN);
