using MountSim.Engine.Random;

namespace MountSim.Engine.Distributions;

/// <summary>Exponential with the given mean, sampled by inverse CDF, -mean * ln(1 - U).</summary>
public sealed record ExponentialDistribution : Distribution
{
    public ExponentialDistribution(double mean)
    {
        if (!(mean > 0) || double.IsInfinity(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "An exponential distribution needs a finite mean > 0.");
        }

        Mean = mean;
    }

    public override double Mean { get; }

    public override double Sample(RandomStream random) => -Mean * Math.Log(1.0 - random.NextUnit());

    public override string ToString() => $"exponential(mean={Mean:R})";
}
