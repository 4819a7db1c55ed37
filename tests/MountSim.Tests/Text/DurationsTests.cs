using MountSim.Text;

namespace MountSim.Tests.Text;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(0, "0 ns")]
    [InlineData(50, "50 ns")]
    [InlineData(3060, "3.06 us")]
    [InlineData(25_000, "25 us")]
    [InlineData(4e6, "4 ms")]
    [InlineData(1.5e9, "1.5 s")]
    public void DurationsUseTheLargestUnitThatKeepsThemAtLeastOne(double ns, string text)
    {
        Assert.Equal(text, Durations.Format(ns));
    }

    [Theory]
    [InlineData("46.6ns", 46.6)]
    [InlineData("1.2us", 1_200)]
    [InlineData("1.2µs", 1_200)]
    [InlineData("0.5ms", 500_000)]
    [InlineData("2s", 2e9)]
    [InlineData("2m", 120e9)]
    public void DurationsReadBackWithTheirUnit(string text, double ns)
    {
        Assert.True(Durations.TryParseNanoseconds(text, out var parsed));
        Assert.Equal(ns, parsed, precision: 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("fast s")]
    [InlineData("1xs")]
    public void AnythingElseIsNotADuration(string text)
    {
        Assert.False(Durations.TryParseNanoseconds(text, out _));
    }
}
