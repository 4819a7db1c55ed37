using MountSim.Engine.Random;
using MountSim.Sensitivity;

namespace MountSim.Tests.Sensitivity;

/// <summary>A Latin hypercube puts one point in each stratum of each dimension, the same points for the same stream.</summary>
public sealed class LatinHypercubeTests
{
    [Fact]
    public void EachDimensionHasExactlyOnePointPerStratum()
    {
        const int Samples = 50;

        var points = LatinHypercube.Unit(Samples, 6, new RandomStreams(7).Stream("lhs"));

        Assert.Equal(Samples, points.Length);
        for (var j = 0; j < 6; j++)
        {
            var strata = points.Select(p => (int)Math.Floor(p[j] * Samples)).Order();
            Assert.Equal(Enumerable.Range(0, Samples), strata);
        }
    }

    [Fact]
    public void PointsAreInRealUnitsWithinTheBoundsAndIndexedInOrder()
    {
        var space = new FactorSpace([new("layers", 10, 80), new("rate", 1e3, 1e6, logScale: true)]);

        var points = LatinHypercube.Sample(space, 20, new RandomStreams(7).Stream("lhs"));

        Assert.Equal(Enumerable.Range(0, 20), points.Select(p => p.Index));
        Assert.All(points, p => Assert.InRange(p.Values[0], 10, 80));
        Assert.All(points, p => Assert.InRange(p.Values[1], 1e3, 1e6));

        // On a log scale the first of three decades gets a third of the 20 strata: 6 whole ones and part of a seventh.
        Assert.InRange(points.Count(p => p.Values[1] < 1e4), 6, 7);
    }

    [Fact]
    public void TheSameStreamGivesTheSamePointsAndAnotherGivesOthers()
    {
        var first = LatinHypercube.Unit(30, 4, new RandomStreams(11).Stream("lhs"));
        var again = LatinHypercube.Unit(30, 4, new RandomStreams(11).Stream("lhs"));
        var other = LatinHypercube.Unit(30, 4, new RandomStreams(12).Stream("lhs"));

        Assert.Equal(first.SelectMany(p => p), again.SelectMany(p => p));
        Assert.NotEqual(first.SelectMany(p => p), other.SelectMany(p => p));
    }

    [Fact]
    public void NoSamplesOrNoDimensionsAreRejected()
    {
        var stream = new RandomStreams(1).Stream("lhs");

        Assert.Contains("at least 1 sample", Assert.Throws<ArgumentException>(() => LatinHypercube.Unit(0, 3, stream)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 1 dimension", Assert.Throws<ArgumentException>(() => LatinHypercube.Unit(5, 0, stream)).Message, StringComparison.Ordinal);
    }
}
