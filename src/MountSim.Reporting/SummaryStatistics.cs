using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace MountSim.Reporting;

/// <summary>
/// One metric of one configuration across its replications: mean, sample standard deviation, the
/// 95% confidence interval of the mean (Student t with n - 1 degrees of freedom) and percentiles.
/// With one replication the spread and interval are NaN: there is nothing to estimate them from.
/// Replications where the metric is undefined (NaN, e.g. a latency with no samples) are left out.
/// </summary>
public sealed record SummaryStatistics(int Count, double Mean, double StandardDeviation, double Low, double High, double P5, double P50, double P95)
{
    public static SummaryStatistics Of(IEnumerable<double> replications)
    {
        ArgumentNullException.ThrowIfNull(replications);
        var values = replications.Where(v => !double.IsNaN(v)).ToArray();
        if (values.Length == 0)
        {
            return new SummaryStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = values.Mean();
        var sd = values.Length > 1 ? values.StandardDeviation() : double.NaN;
        var half = values.Length > 1 ? StudentT.InvCDF(0, 1, values.Length - 1, 0.975) * sd / Math.Sqrt(values.Length) : double.NaN;
        return new SummaryStatistics(
            values.Length,
            mean,
            sd,
            mean - half,
            mean + half,
            values.Quantile(0.05),
            values.Quantile(0.5),
            values.Quantile(0.95));
    }
}
