using MountSim.Engine.Distributions;

namespace MountSim.Tests.Engine.Distributions;

/// <summary>Distributions are values: equal parameters make equal distributions, usable as keys.</summary>
public sealed class DistributionEqualityTests
{
    [Fact]
    public void DistributionsWithEqualParametersAreEqual()
    {
        AssertEqualValues(Distribution.Exponential(3), new ExponentialDistribution(3));
        AssertEqualValues(Distribution.Uniform(1, 2), Distribution.Uniform(1, 2));
        AssertEqualValues(Distribution.Normal(1, 2), Distribution.Normal(1, 2));
        AssertEqualValues(Distribution.LogNormal(1, 2), new LogNormalDistribution(1, 2));
        AssertEqualValues(Distribution.Constant(5), new ConstantDistribution(5));
    }

    [Fact]
    public void EmpiricalDistributionsWithTheSameSamplesAreEqualWhateverTheirOrder()
    {
        AssertEqualValues(Distribution.Empirical([1, 2, 3]), new EmpiricalDistribution([1.0, 2, 3]));
        AssertEqualValues(Distribution.Empirical([3, 1, 2]), Distribution.Empirical([1, 2, 3]));
        Assert.NotEqual(Distribution.Empirical([1, 2, 3]), Distribution.Empirical([1, 2, 4]));
        Assert.NotEqual(Distribution.Empirical([1, 2, 3]), Distribution.Empirical([1, 2, 3, 3]));
    }

    [Fact]
    public void DifferentParametersOrKindsAreNotEqual()
    {
        Assert.NotEqual(Distribution.Exponential(3), Distribution.Exponential(4));
        Assert.NotEqual(Distribution.Uniform(1, 2), Distribution.Uniform(1, 3));
        Assert.NotEqual(Distribution.Normal(1, 2), Distribution.Normal(1, 3));
        Assert.NotEqual(Distribution.LogNormal(1, 2), Distribution.LogNormal(2, 2));

        // Same mean, different kinds.
        Assert.NotEqual(Distribution.Constant(3), Distribution.Exponential(3));
        Assert.NotEqual(Distribution.Constant(2), Distribution.Empirical([2]));
        Assert.False(Distribution.Exponential(3) == Distribution.Constant(3));
    }

    [Fact]
    public void EqualDistributionsFindEachOtherInAHashSet()
    {
        var set = new HashSet<Distribution>
        {
            Distribution.Exponential(3),
            Distribution.Exponential(3),
            Distribution.Empirical([2, 1]),
            Distribution.Empirical([1, 2]),
            Distribution.Uniform(0, 1),
        };

        Assert.Equal(3, set.Count);
        Assert.Contains(new ExponentialDistribution(3), set);
        Assert.Contains(new EmpiricalDistribution([1, 2]), set);
    }

    private static void AssertEqualValues(Distribution first, Distribution second)
    {
        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.False(first != second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.False(ReferenceEquals(first, second));
    }
}
