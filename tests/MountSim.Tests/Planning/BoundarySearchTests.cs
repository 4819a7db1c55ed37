using MountSim.Planning;

namespace MountSim.Tests.Planning;

/// <summary>The search finds a known boundary to its resolution, probing each load once.</summary>
public sealed class BoundarySearchTests
{
    private static ProbeVerdict Verdict(bool holds) => new(holds, true, 3, [0], 0);

    [Theory]
    [InlineData(1, 32)]
    [InlineData(31, 32)]
    [InlineData(32, 32)]
    [InlineData(100, 32)]
    [InlineData(777, 32)]
    [InlineData(4096, 32)]
    [InlineData(5, 1)]
    public void ABurstBoundaryIsFoundExactlyWhenTheResolutionIsOneContainer(int truth, int from)
    {
        var probed = new List<double>();

        var outcome = BoundarySearch.Find(SearchKind.Burst, new(from, 4096, 0, 0), load =>
        {
            probed.Add(load);
            return Verdict(load <= truth);
        });

        Assert.Equal(truth, outcome.Boundary);
        Assert.Equal(truth == 4096 ? null : truth + 1, outcome.Breaks);
        Assert.Equal(probed.Count, probed.Distinct().Count());
        Assert.True(probed.Count <= 2 * Math.Log2(4096) + 2, $"{probed.Count} probes");
    }

    [Fact]
    public void ACandidateThatTakesNothingHasBoundaryZero()
    {
        var outcome = BoundarySearch.Find(SearchKind.Burst, new(32, 4096, 0.05, 0), _ => Verdict(false));

        Assert.Equal(0, outcome.Boundary);
        Assert.Equal(1, outcome.Breaks);
    }

    [Fact]
    public void ARateBoundaryIsBracketedWithinTheResolution()
    {
        const double truth = 37.3;

        var outcome = BoundarySearch.Find(SearchKind.Rate, new(10, 10_000, 0.05, 30e9), rate => Verdict(rate <= truth));

        Assert.InRange(outcome.Boundary, truth / 1.05, truth);
        Assert.InRange(outcome.Breaks!.Value, truth, outcome.Boundary * 1.05);
    }
}
