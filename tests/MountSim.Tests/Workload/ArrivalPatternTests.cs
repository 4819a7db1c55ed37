using MountSim.Engine.Random;
using MountSim.Workload;

namespace MountSim.Tests.Workload;

public sealed class ArrivalPatternTests
{
    [Fact]
    public void ABurstArrivesAtTimeZero() =>
        Assert.All(ArrivalPattern.Parse("burst").Times(5, new RandomStream(1)), t => Assert.Equal(0, t));

    [Fact]
    public void AFixedIntervalSpacesArrivalsEvenly() =>
        Assert.Equal([0L, 2_000_000, 4_000_000], ArrivalPattern.Parse("interval:2ms").Times(3, new RandomStream(1)));

    [Fact]
    public void APoissonStreamHasTheRequestedMeanRate()
    {
        var times = ArrivalPattern.Parse("poisson:1000").Times(20_000, new RandomStream(5));

        // 20,000 arrivals at 1,000 per second: about 20 s; the standard error is 0.7%.
        Assert.InRange(times[^1] / 1e9, 19.4, 20.6);
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void ARampArrivesFasterAsItGoes()
    {
        var times = ArrivalPattern.Parse("ramp:1s").Times(100, new RandomStream(1));

        Assert.Equal(0, times[0]);
        Assert.True(times[^1] < 1_000_000_000);
        Assert.True(times[1] - times[0] > times[^1] - times[^2], "the rate did not rise");
    }

    [Theory]
    [InlineData("bursty")]
    [InlineData("poisson:")]
    [InlineData("poisson:-3")]
    [InlineData("interval:5")]
    [InlineData("ramp:0s")]
    [InlineData("burst:1")]
    public void MalformedPatternsAreRejectedWithTheFormsAllowed(string text)
    {
        var e = Assert.Throws<FormatException>(() => ArrivalPattern.Parse(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }
}
