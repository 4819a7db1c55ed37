using MountSim.Engine.Distributions;
using MountSim.Engine.Random;

namespace MountSim.Tests.Engine.Distributions;

public sealed class LogNormalDistributionTests
{
    [Fact]
    public void FromMeanAndStandardDeviationComputesMuAndSigma()
    {
        // mean 100, sd 50: sigma^2 = ln(1 + 50^2/100^2) = ln 1.25 = 0.22314355131420976,
        // mu = ln 100 - sigma^2 / 2 = 4.605170185988091 - 0.11157177565710488 = 4.493598410330986.
        var lognormal = LogNormalDistribution.FromMeanAndStandardDeviation(100, 50);

        Assert.Equal(4.493598410330986, lognormal.Mu, 1e-12);
        Assert.Equal(Math.Sqrt(0.22314355131420976), lognormal.Sigma, 1e-12);
        Assert.Equal(100, lognormal.Mean, 1e-9);
        Assert.Equal(50, lognormal.StandardDeviation, 1e-9);
    }

    [Fact]
    public void FromMeanAndStandardDeviationSamplesHaveThatMeanAndStandardDeviation()
    {
        const int count = 400_000;
        var lognormal = LogNormalDistribution.FromMeanAndStandardDeviation(100, 50);
        var random = new RandomStream(404);
        var samples = Enumerable.Range(0, count).Select(_ => lognormal.Sample(random)).ToArray();
        var mean = samples.Average();
        var sd = Math.Sqrt(samples.Sum(s => (s - mean) * (s - mean)) / (count - 1));

        // Standard error of the mean 50 / sqrt(400000) = 0.079; of the sd about 0.1.
        Assert.Equal(100, mean, 0.32);
        Assert.Equal(50, sd, 0.5);
        Assert.All(samples, s => Assert.True(s > 0));
    }

    [Fact]
    public void ZeroStandardDeviationIsTheMeanItself()
    {
        var lognormal = LogNormalDistribution.FromMeanAndStandardDeviation(5, 0);
        var random = new RandomStream(1);

        Assert.Equal(0, lognormal.Sigma);
        Assert.Equal(5, lognormal.Sample(random), 1e-12);
    }

    [Fact]
    public void MedianIsExpMu()
    {
        // ln X is normal(mu, sigma), so half the samples lie below e^mu.
        const int count = 200_000;
        var lognormal = new LogNormalDistribution(2, 1);
        var random = new RandomStream(9);
        var below = Enumerable.Range(0, count).Count(_ => lognormal.Sample(random) < Math.Exp(2));

        Assert.Equal(0.5, below / (double)count, 4 * Math.Sqrt(0.25 / count));
    }
}
