using MountSim.Sensitivity;

namespace MountSim.Tests.Sensitivity;

/// <summary>Factors map the unit interval onto their range, linearly or by decade, and refuse ranges that make no sense.</summary>
public sealed class FactorTests
{
    [Fact]
    public void ALinearFactorMapsTheUnitIntervalOntoItsRange()
    {
        var factor = new Factor("path_walks", 2_000, 200_000);

        Assert.Equal(2_000, factor.FromUnit(0));
        Assert.Equal(101_000, factor.FromUnit(0.5));
        Assert.Equal(200_000, factor.FromUnit(1));
    }

    [Fact]
    public void ALogScaleFactorSpendsAsMuchOfTheUnitIntervalOnEachDecade()
    {
        var factor = new Factor("path_walks", 2_000, 200_000, logScale: true);

        Assert.Equal(2_000, factor.FromUnit(0));
        Assert.Equal(20_000, factor.FromUnit(0.5), 1e-9);
        Assert.Equal(200_000, factor.FromUnit(1), 1e-9);
    }

    [Theory]
    [InlineData(5.0, 2.0, false, "low bound (5) must be below its high bound (2)")]
    [InlineData(3.0, 3.0, false, "low bound (3) must be below its high bound (3)")]
    [InlineData(double.NaN, 2.0, false, "must be finite")]
    [InlineData(0.0, 2.0, true, "log-scale factor's low bound must be above 0")]
    public void ABadRangeIsRejectedNamingTheFactor(double low, double high, bool logScale, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new Factor("smt_slowdown", low, high, logScale));

        Assert.Contains("'smt_slowdown'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFactorNeedsAName()
    {
        var error = Assert.Throws<ArgumentException>(() => new Factor(" ", 0, 1));

        Assert.Contains("needs a name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AUnitCoordinateOutsideZeroToOneIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Factor("x", 0, 1).FromUnit(1.5));
    }

    [Fact]
    public void ASpaceNeedsAtLeastOneFactorAndDistinctNames()
    {
        var empty = Assert.Throws<ArgumentException>(() => new FactorSpace([]));
        var twice = Assert.Throws<ArgumentException>(() => new FactorSpace([new("x", 0, 1), new("y", 0, 1), new("x", 2, 3)]));

        Assert.Contains("at least one factor", empty.Message, StringComparison.Ordinal);
        Assert.Contains("given more than once: x", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpaceMapsAUnitPointFactorByFactor()
    {
        var space = new FactorSpace([new("x", -1, 1), new("y", 1, 100, logScale: true)]);

        var values = space.FromUnit([0.25, 0.5]);

        Assert.Equal(-0.5, values[0]);
        Assert.Equal(10, values[1], 1e-12);
        Assert.Throws<ArgumentException>(() => space.FromUnit([0.5]));
    }
}
