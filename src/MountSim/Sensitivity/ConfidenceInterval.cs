using MathNet.Numerics.Statistics;

namespace MountSim.Sensitivity;

/// <summary>An interval expected to hold the true value with probability <paramref name="Level"/> (0.95 for 95%).</summary>
public readonly record struct ConfidenceInterval(double Low, double High, double Level)
{
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>
    /// The percentile interval of bootstrap replicates: their (1 - level)/2 and (1 + level)/2 quantiles. Replicates that
    /// are not finite (a resample whose output did not vary) are left out; with none left the interval is NaN.
    /// </summary>
    internal static ConfidenceInterval Percentile(IEnumerable<double> replicates, double level)
    {
        var sorted = replicates.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0
            ? new(double.NaN, double.NaN, level)
            : new(SortedArrayStatistics.Quantile(sorted, (1 - level) / 2), SortedArrayStatistics.Quantile(sorted, (1 + level) / 2), level);
    }
}
