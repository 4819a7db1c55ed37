using MountSim.Engine.Distributions;

namespace MountSim.Tests.Engine.Distributions;

public sealed class DistributionValidationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ExponentialRejectsMeansThatAreNotFiniteAndPositive(double mean)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDistribution(mean));
    }

    [Theory]
    [InlineData(5.0, 2.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.NaN)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void UniformRejectsReversedOrNonFiniteBounds(double lower, double upper)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformDistribution(lower, upper));
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(0.0, -1.0)]
    [InlineData(0.0, double.NaN)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void NormalRejectsNonFiniteMeanOrBadStandardDeviation(double mean, double standardDeviation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalDistribution(mean, standardDeviation));
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(double.NegativeInfinity, 1.0)]
    [InlineData(0.0, -0.5)]
    [InlineData(0.0, double.NaN)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void LogNormalRejectsNonFiniteMuOrBadSigma(double mu, double sigma)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogNormalDistribution(mu, sigma));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-3.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, -1.0)]
    [InlineData(1.0, double.NaN)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void LogNormalFromMeanAndStandardDeviationRejectsBadMoments(double mean, double standardDeviation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogNormalDistribution.FromMeanAndStandardDeviation(mean, standardDeviation));
    }

    [Fact]
    public void EmpiricalRejectsNoSamplesAndNonFiniteSamples()
    {
        Assert.Throws<ArgumentException>(() => new EmpiricalDistribution([]));
        Assert.Throws<ArgumentException>(() => new EmpiricalDistribution([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => new EmpiricalDistribution([1, double.PositiveInfinity]));
    }

    [Fact]
    public void BoundaryParametersAreAccepted()
    {
        Assert.Equal(0, new NormalDistribution(-3, 0).StandardDeviation);
        Assert.Equal(0, new LogNormalDistribution(-3, 0).Sigma);
        Assert.Equal(1, new UniformDistribution(1, 1).Mean);
        Assert.Equal(double.Epsilon, new ExponentialDistribution(double.Epsilon).Mean);
    }
}
