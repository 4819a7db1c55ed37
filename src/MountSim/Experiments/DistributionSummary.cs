using MountSim.Engine.Statistics;

namespace MountSim.Experiments;

/// <summary>
/// A recorded distribution's figures, in nanoseconds unless <see cref="In"/> converted them. An empty one has a
/// count of 0 and NaN everywhere else: there is no value, and each exporter says so its own way.
/// </summary>
public sealed record DistributionSummary(long Count, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    /// <summary>The figures of <paramref name="histogram"/>, in its unit.</summary>
    public static DistributionSummary Of(Histogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.Count == 0
            ? new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new(histogram.Count, histogram.Mean, histogram.Quantile(0.5), histogram.Quantile(0.9), histogram.Quantile(0.99), histogram.Quantile(0.999), histogram.Max);
    }

    /// <summary>The same figures in units of <paramref name="unit"/> (1e6 for milliseconds from nanoseconds).</summary>
    public DistributionSummary In(double unit) => new(Count, Mean / unit, P50 / unit, P90 / unit, P99 / unit, P999 / unit, Max / unit);
}
