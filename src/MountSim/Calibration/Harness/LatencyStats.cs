using MountSim.Engine.Statistics;

namespace MountSim.Calibration.Harness;

/// <summary>A latency (or other) distribution in brief; all zero when nothing was recorded.</summary>
public sealed record LatencyStats(double P50, double P90, double P99, double Max, double Mean, long Count)
{
    public static LatencyStats Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public static LatencyStats Of(Histogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.Count == 0
            ? Empty
            : new(Round(histogram.Quantile(0.5)), Round(histogram.Quantile(0.9)), Round(histogram.Quantile(0.99)), Round(histogram.Max), Round(histogram.Mean), histogram.Count);
    }

    // Three decimals of a microsecond is a nanosecond: finer digits are noise.
    private static double Round(double value) => Math.Round(value, 3);
}
