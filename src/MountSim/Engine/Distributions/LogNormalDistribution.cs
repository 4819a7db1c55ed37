using MountSim.Engine.Random;

namespace MountSim.Engine.Distributions;

/// <summary>
/// Log-normal: ln X is normal with mean <see cref="Mu"/> and standard deviation <see cref="Sigma"/>.
/// <see cref="FromMeanAndStandardDeviation"/> takes the moments of X itself, which is how
/// measured latencies are usually reported.
/// </summary>
public sealed record LogNormalDistribution : Distribution
{
    public LogNormalDistribution(double mu, double sigma)
    {
        if (!double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "A log-normal distribution needs a finite mu.");
        }

        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "A log-normal distribution needs a finite sigma >= 0.");
        }

        Mu = mu;
        Sigma = sigma;
    }

    public double Mu { get; }

    public double Sigma { get; }

    public override double Mean => Math.Exp(Mu + (Sigma * Sigma / 2));

    public double StandardDeviation => Mean * Math.Sqrt(Math.Exp(Sigma * Sigma) - 1);

    /// <summary>The log-normal whose own mean and standard deviation are the given ones.</summary>
    public static LogNormalDistribution FromMeanAndStandardDeviation(double mean, double standardDeviation)
    {
        if (!(mean > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "A log-normal distribution needs a mean > 0.");
        }

        if (!(standardDeviation >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "A log-normal distribution needs a standard deviation >= 0.");
        }

        var sigmaSquared = Math.Log(1 + (standardDeviation * standardDeviation / (mean * mean)));
        return new LogNormalDistribution(Math.Log(mean) - (sigmaSquared / 2), Math.Sqrt(sigmaSquared));
    }

    public override double Sample(RandomStream random) =>
        MathNet.Numerics.Distributions.LogNormal.Sample(random, Mu, Sigma);

    public override string ToString() => $"lognormal(mu={Mu:R}, sigma={Sigma:R})";
}
