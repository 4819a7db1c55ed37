using MountSim.Engine.Random;

namespace MountSim.Engine.Distributions;

/// <summary>
/// A probability distribution as a value: immutable, compared by its parameters, sampled from
/// whichever stream the caller owns. Durations are in the simulation's unit (nanoseconds).
/// </summary>
public abstract record Distribution
{
    /// <summary>The distribution's mean (the analytic one, not a sample mean).</summary>
    public abstract double Mean { get; }

    public abstract double Sample(RandomStream random);

    public static Distribution Constant(double value) => new ConstantDistribution(value);

    public static Distribution Exponential(double mean) => new ExponentialDistribution(mean);

    public static Distribution Uniform(double lower, double upper) => new UniformDistribution(lower, upper);

    public static Distribution Normal(double mean, double standardDeviation) => new NormalDistribution(mean, standardDeviation);

    public static Distribution LogNormal(double mu, double sigma) => new LogNormalDistribution(mu, sigma);

    public static Distribution Empirical(IEnumerable<double> samples) => new EmpiricalDistribution(samples);
}
