using MountSim.Engine.Distributions;
using MountSim.Engine.Random;

namespace MountSim.Tests.Engine.Distributions;

public sealed class DistributionSamplingTests
{
    private const int SampleCount = 200_000;

    public static TheoryData<string> Kinds => ["exponential", "uniform", "normal", "lognormal", "empirical"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SampleMeanAndVarianceMatchTheAnalyticValues(string kind)
    {
        var (distribution, mean, standardDeviation) = Case(kind);
        Assert.Equal(mean, distribution.Mean, mean * 1e-12);

        var random = new RandomStream(1_234);
        var samples = Enumerable.Range(0, SampleCount).Select(_ => distribution.Sample(random)).ToArray();
        var sampleMean = samples.Average();
        var sampleVariance = samples.Sum(s => (s - sampleMean) * (s - sampleMean)) / (SampleCount - 1);

        // Four standard errors: a fixed seed, so this either always passes or exposes a real bias.
        var standardError = standardDeviation / Math.Sqrt(SampleCount);
        Assert.True(
            Math.Abs(sampleMean - mean) < 4 * standardError,
            $"{kind}: sample mean {sampleMean:R}, analytic {mean:R}, standard error {standardError:R}");
        var variance = standardDeviation * standardDeviation;
        Assert.Equal(variance, sampleVariance, 0.03 * variance);
    }

    [Fact]
    public void ConstantAlwaysReturnsItsValueAndDrawsNothing()
    {
        var constant = Distribution.Constant(4.5);
        var random = new RandomStream(1);
        var untouched = new RandomStream(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(4.5, constant.Sample(random)));
        Assert.Equal(4.5, constant.Mean);
        Assert.Equal(untouched.NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void ExponentialHasTheExponentialDistributionFunction()
    {
        // P(X <= x) = 1 - exp(-x / 3) at a few points, within four standard errors of a proportion.
        var exponential = Distribution.Exponential(3);
        var random = new RandomStream(77);
        var samples = Enumerable.Range(0, SampleCount).Select(_ => exponential.Sample(random)).ToArray();
        foreach (var x in new[] { 0.3, 1.0, 3 * Math.Log(2), 5.0, 12.0 })
        {
            var expected = 1 - Math.Exp(-x / 3);
            var observed = samples.Count(s => s <= x) / (double)SampleCount;
            var standardError = Math.Sqrt(expected * (1 - expected) / SampleCount);
            Assert.True(Math.Abs(observed - expected) < 4 * standardError, $"P(X <= {x}) = {observed}, expected {expected}");
        }

        Assert.All(samples, s => Assert.True(s >= 0));
    }

    [Fact]
    public void UniformStaysWithinItsBounds()
    {
        var uniform = Distribution.Uniform(2, 5);
        var random = new RandomStream(5);

        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.InRange(uniform.Sample(random), 2, Math.BitDecrement(5.0)));
        Assert.Equal(7, Distribution.Uniform(7, 7).Sample(random));
    }

    [Fact]
    public void SameStreamSeedGivesTheSameSamples()
    {
        var lognormal = Distribution.LogNormal(2, 0.7);
        var first = new RandomStream(31);
        var second = new RandomStream(31);

        Assert.Equal(
            Enumerable.Range(0, 1_000).Select(_ => lognormal.Sample(first)),
            Enumerable.Range(0, 1_000).Select(_ => lognormal.Sample(second)));
    }

    private static (Distribution Distribution, double Mean, double StandardDeviation) Case(string kind) => kind switch
    {
        "exponential" => (Distribution.Exponential(3), 3, 3),

        // Uniform on [2, 5): sd = 3 / sqrt(12).
        "uniform" => (Distribution.Uniform(2, 5), 3.5, 3 / Math.Sqrt(12)),
        "normal" => (Distribution.Normal(10, 2), 10, 2),

        // mu = 1, sigma = 0.5: mean = e^1.125, sd = mean * sqrt(e^0.25 - 1).
        "lognormal" => (Distribution.LogNormal(1, 0.5), Math.Exp(1.125), Math.Exp(1.125) * Math.Sqrt(Math.Exp(0.25) - 1)),

        // {1, 2, 3, 10}: mean 4, population variance (9 + 4 + 1 + 36) / 4 = 12.5.
        "empirical" => (Distribution.Empirical([10, 1, 3, 2]), 4, Math.Sqrt(12.5)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
