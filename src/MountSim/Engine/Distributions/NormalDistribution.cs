using MountSim.Engine.Random;

namespace MountSim.Engine.Distributions;

/// <summary>
/// Normal (Gaussian), sampled by MathNet.Numerics. Used as a duration, a negative draw becomes
/// zero (see <see cref="SimTime.FromNanoseconds"/>), which raises the mean when the standard
/// deviation is not small against it; prefer <see cref="LogNormalDistribution"/> for durations.
/// </summary>
public sealed record NormalDistribution : Distribution
{
    public NormalDistribution(double mean, double standardDeviation)
    {
        if (!double.IsFinite(mean) || !(standardDeviation >= 0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "A normal distribution needs a finite mean and a finite standard deviation >= 0.");
        }

        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    public override double Mean { get; }

    public double StandardDeviation { get; }

    public override double Sample(RandomStream random) =>
        MathNet.Numerics.Distributions.Normal.Sample(random, Mean, StandardDeviation);

    public override string ToString() => $"normal(mean={Mean:R}, sd={StandardDeviation:R})";
}
