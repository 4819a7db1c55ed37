using MountSim.Workload;

namespace MountSim.Tests.Workload;

public sealed class WatcherRateLimitTests
{
    [Fact]
    public void SystemdsLimitIsFiveReadsASecond()
    {
        Assert.Equal(new WatcherRateLimit(5, 1e9), WatcherRateLimit.Systemd);
        Assert.Equal("5/1 s", WatcherRateLimit.Systemd.ToString());
    }

    [Theory]
    [InlineData("5/1s", 5, 1e9)]
    [InlineData("25/500ms", 25, 5e8)]
    public void ParsesABurstPerInterval(string text, int burst, double intervalNs)
    {
        Assert.Equal(new WatcherRateLimit(burst, intervalNs), WatcherRateLimit.Parse(text));
    }

    [Fact]
    public void NoneMeansEveryEvent()
    {
        Assert.True(WatcherRateLimit.Parse("none").IsNone);
        Assert.Equal("none", WatcherRateLimit.None.ToString());
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0/1s")]
    [InlineData("5/0s")]
    [InlineData("five/1s")]
    [InlineData("5/1")]
    public void RejectsAnythingElseSayingWhatItExpects(string text)
    {
        var error = Assert.Throws<FormatException>(() => WatcherRateLimit.Parse(text));

        Assert.Contains("expected none or BURST/INTERVAL", error.Message, StringComparison.Ordinal);
    }
}
