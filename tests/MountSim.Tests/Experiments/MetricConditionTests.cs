using MountSim.Experiments;
using MountSim.Workload;
using MountSim.Yaml;

namespace MountSim.Tests.Experiments;

/// <summary>Objective terms and stop conditions: parsed, negated, and certain only when no later start can undo them.</summary>
public sealed class MetricConditionTests
{
    [Theory]
    [InlineData("start_latency_p99_ms <= 5000", ComparisonOperator.AtMost, 5000)]
    [InlineData("failed_starts==0", ComparisonOperator.Equal, 0)]
    [InlineData(" path_walk_p99_us < 100.5 ", ComparisonOperator.Below, 100.5)]
    [InlineData("start_latency_max_ms > 1e4", ComparisonOperator.Above, 10_000)]
    [InlineData("cpu_idle >= 0.5", ComparisonOperator.AtLeast, 0.5)]
    [InlineData("failed_starts != 0", ComparisonOperator.NotEqual, 0)]
    public void ItReadsTheSixOperators(string text, ComparisonOperator op, double bound)
    {
        var condition = MetricCondition.Parse(text);

        Assert.Equal(op, condition.Operator);
        Assert.Equal(bound, condition.Bound);
        Assert.Equal(condition, MetricCondition.Parse(condition.ToString()));
    }

    [Theory]
    [InlineData("start_latency_p99_ms 5000")]
    [InlineData("<= 5000")]
    [InlineData("start_latency_p99_ms <= soon")]
    [InlineData("start_latency_p99_ms <= NaN")]
    public void ABrokenTermIsAFormatError(string text) => Assert.Throws<FormatException>(() => MetricCondition.Parse(text));

    [Fact]
    public void AnUnknownMetricIsNamedWithTheNearestOne()
    {
        var error = Assert.Throws<UnknownNameException>(() => MetricCondition.Parse("start_latency_p98_ms <= 1"));

        Assert.Contains("start_latency_p90_ms", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start_latency_p99_ms <= 5", 5, true)]
    [InlineData("start_latency_p99_ms <= 5", 5.1, false)]
    [InlineData("start_latency_p99_ms < 5", 5, false)]
    [InlineData("failed_starts == 0", 0, true)]
    [InlineData("failed_starts != 0", 0, false)]
    public void ANegationHoldsExactlyWhereTheTermDoesNot(string text, double value, bool holds)
    {
        var condition = MetricCondition.Parse(text);

        Assert.Equal(holds, condition.Holds(value));
        Assert.Equal(!holds, condition.Negation.Holds(value));
        Assert.Equal(condition, condition.Negation.Negation);
    }

    [Fact]
    public void AQuantileIsCertainOnceEnoughStartsAreKnownToBeSlower()
    {
        // 100 starts: 97 finished fast, 2 still running for 6 s, one yet to arrive: p99 (the 99th value) is not yet sure.
        static StartsSoFar Starts(int slow) =>
            new([.. Enumerable.Repeat(0.0, 1), .. Enumerable.Repeat(1e6, 99 - slow), .. Enumerable.Repeat(6e9, slow)], 30e9);
        var broken = MetricCondition.Parse("start_latency_p99_ms <= 5000").Negation;

        Assert.False(broken.IsCertain(Starts(1)));
        Assert.True(broken.IsCertain(Starts(2)));
        Assert.True(MetricCondition.Parse("start_latency_max_ms > 5000").IsCertain(Starts(1)));
        Assert.False(MetricCondition.Parse("failed_starts > 0").IsCertain(Starts(2)));
        Assert.True(MetricCondition.Parse("failed_starts > 0").IsCertain(new StartsSoFar([0, 31e9], 30e9)));
    }

    [Theory]
    [InlineData("start_latency_p99_ms <= 5000")]
    [InlineData("path_walk_p99_us > 100")]
    [InlineData("failed_starts == 0")]
    public void AConditionALaterStartCouldUndoIsNeverCertainEarly(string text)
    {
        var condition = MetricCondition.Parse(text);

        Assert.False(condition.CanBeCertainEarly);
        Assert.False(condition.IsCertain(new StartsSoFar([1e12, 1e12], 1)));
    }
}
