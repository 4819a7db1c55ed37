using MountSim.Engine.Distributions;
using MountSim.Engine.Random;

namespace MountSim.Tests.Engine.Distributions;

public sealed class EmpiricalDistributionTests
{
    [Fact]
    public void ReturnsOnlyItsSamplesAndEachOfThemUniformly()
    {
        var samples = new[] { 0.5, 7, 3.25, 100 };
        var empirical = new EmpiricalDistribution(samples);
        var random = new RandomStream(17);
        const int draws = 100_000;
        var counts = new Dictionary<double, int>();
        for (var i = 0; i < draws; i++)
        {
            var value = empirical.Sample(random);
            Assert.Contains(value, samples);
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        // Each of four values a quarter of the time, within four standard errors.
        var tolerance = 4 * Math.Sqrt(0.25 * 0.75 / draws);
        Assert.All(samples, s => Assert.Equal(0.25, counts[s] / (double)draws, tolerance));
    }

    [Fact]
    public void DuplicatedSamplesKeepTheirWeight()
    {
        // {1, 1, 1, 5}: mean 2, and 1 comes three times as often as 5.
        var empirical = new EmpiricalDistribution([1, 5, 1, 1]);
        var random = new RandomStream(3);
        const int draws = 100_000;
        var ones = Enumerable.Range(0, draws).Count(_ => empirical.Sample(random) == 1);

        Assert.Equal(2, empirical.Mean);
        Assert.Equal(0.75, ones / (double)draws, 4 * Math.Sqrt(0.75 * 0.25 / draws));
    }

    [Fact]
    public void SamplesAreCopiedAndSorted()
    {
        var source = new List<double> { 3, 1, 2 };
        var empirical = new EmpiricalDistribution(source);
        source[0] = 1_000;

        Assert.Equal([1.0, 2, 3], empirical.Samples);
        Assert.Equal(2, empirical.Mean);
    }

    [Fact]
    public void OneSampleIsAConstant()
    {
        var empirical = new EmpiricalDistribution([42]);
        var random = new RandomStream(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(42, empirical.Sample(random)));
    }
}
