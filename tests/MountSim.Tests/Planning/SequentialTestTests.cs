using MountSim.Experiments;
using MountSim.Planning;

namespace MountSim.Tests.Planning;

/// <summary>A probe's verdict takes as many replications as make it clear, and no more.</summary>
public sealed class SequentialTestTests
{
    private static readonly IReadOnlyList<MetricCondition> P99Within5s = [MetricCondition.Parse("start_latency_p99_ms <= 5000")];
    private static readonly SequentialTest Test = new(0.95, 3, 8);

    private static ProbeVerdict? Decide(params double[] p99s) =>
        Test.Decide(P99Within5s, [.. p99s.Select(v => (IReadOnlyList<double>)[v])], [.. p99s.Select(_ => (int?)null)]);

    [Fact]
    public void FewerThanTheMinimumDecideNothing() => Assert.Null(Decide(10, 11));

    [Fact]
    public void FarFromTheBoundThreeRunsAreClear()
    {
        var holds = Decide(10, 11, 12)!;

        Assert.True(holds.Holds);
        Assert.True(holds.Clear);
        Assert.Equal(3, holds.Replications);
        Assert.Equal(11, holds.Means[0]);
        Assert.False(Decide(9_000, 9_500, 10_000)!.Holds);
        Assert.True(Decide(9_000, 9_500, 10_000)!.Clear);
    }

    [Fact]
    public void NearTheBoundItAsksForMoreThenLetsTheMeanDecide()
    {
        Assert.Null(Decide(4_000, 6_000, 4_500));
        var capped = Decide(4_000, 6_000, 4_500, 5_500, 4_800, 5_100, 4_700, 5_200);

        Assert.NotNull(capped);
        Assert.False(capped.Clear);
        Assert.True(capped.Holds);
        Assert.Equal(8, capped.Replications);
    }

    [Fact]
    public void ARunStoppedOnATermKeepsItFromHoldingClearly()
    {
        var values = new List<IReadOnlyList<double>> { new[] { 10.0 }, new[] { 12.0 }, new[] { 5_001.0 } };

        var verdict = Test.Decide(P99Within5s, values, [null, null, 0]);

        Assert.Null(verdict);
    }

    [Fact]
    public void AnEqualityHoldsClearlyOnlyWhenEveryRunMeetsIt()
    {
        IReadOnlyList<MetricCondition> noFailures = [MetricCondition.Parse("failed_starts == 0")];
        static List<IReadOnlyList<double>> Runs(params double[] v) => [.. v.Select(x => (IReadOnlyList<double>)[x])];

        Assert.True(Test.Decide(noFailures, Runs(0, 0, 0), [null, null, null])!.Holds);
        Assert.Null(Test.Decide(noFailures, Runs(0, 0, 1), [null, null, null]));
        Assert.False(Test.Decide(noFailures, Runs(3, 4, 5), [null, null, null])!.Holds);
    }
}
