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
}
