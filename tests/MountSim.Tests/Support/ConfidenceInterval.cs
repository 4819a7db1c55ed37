using System.Globalization;
using MathNet.Numerics.Distributions;

namespace MountSim.Tests.Support;

/// <summary>
/// The 95% Student-t confidence interval of the mean of independent replications, computed
/// here rather than with the engine's own statistics so that a bug there cannot hide itself.
/// </summary>
internal readonly record struct ConfidenceInterval(double Mean, double HalfWidth, int Replications)
{
    public static ConfidenceInterval Of95(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n < 2)
        {
            throw new ArgumentException("A confidence interval needs at least two replications.", nameof(values));
        }

        var mean = values.Sum() / n;
        var sumOfSquares = values.Sum(v => (v - mean) * (v - mean));
        var standardError = Math.Sqrt(sumOfSquares / (n - 1) / n);
        var t = StudentT.InvCDF(0, 1, n - 1, 0.975);
        return new ConfidenceInterval(mean, t * standardError, n);
    }

    public bool Contains(double value) => Math.Abs(value - Mean) <= HalfWidth;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Mean:G6} ± {HalfWidth:G3} ({Replications} replications)");
}
