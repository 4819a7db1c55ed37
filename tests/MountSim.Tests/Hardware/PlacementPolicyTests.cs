using MountSim.Hardware;

namespace MountSim.Tests.Hardware;

public sealed class PlacementPolicyTests
{
    [Fact]
    public void SpreadAlternatesSocketsBeforeFillingCores()
    {
        var t = ShippedTopologies.Load("aws-r5.metal");

        Assert.Equal([0, 24, 1, 25], Cpus(PlacementPolicy.Spread.Place(t, 4)));
    }

    [Fact]
    public void SpreadVisitsEveryLlcDomainOfEverySocketBeforeASecondCoreOfAny()
    {
        var t = ShippedTopologies.Load("aws-c6a.metal");

        var placed = PlacementPolicy.Spread.Place(t, 12);

        Assert.Equal([0, 48, 8, 56, 16, 64], Cpus(placed).Take(6));
        Assert.Equal(12, placed.Select(h => h.LlcIndex).Distinct().Count());
        Assert.All(PlacementPolicy.Spread.Place(t, 96), h => Assert.Equal(0, h.SmtRank));
        Assert.Equal(1, PlacementPolicy.Spread.Place(t, 97)[96].SmtRank);
    }

    [Fact]
    public void PackFillsACoresSiblingsFirst()
    {
        var t = ShippedTopologies.Load("aws-r5.metal");

        Assert.Equal([0, 48, 1, 49, 2], Cpus(PlacementPolicy.Pack.Place(t, 5)));
    }

    [Fact]
    public void OneSocketStaysOnSocketZeroAndWrapsAroundWhenOversubscribed()
    {
        var t = ShippedTopologies.Load("aws-r5.metal");

        var placed = PlacementPolicy.OneSocket.Place(t, 50);

        Assert.All(placed, h => Assert.Equal(0, h.SocketIndex));
        Assert.Equal(Enumerable.Range(0, 24), Cpus(placed).Take(24));
        Assert.Equal(48, placed[24].OsCpu);
        Assert.Equal((0, 1), (placed[48].OsCpu, placed[49].OsCpu));
    }

    [Fact]
    public void NoSmtSiblingsNeverUsesTheSecondThreadOfACore()
    {
        var t = ShippedTopologies.Load("aws-m7i.metal-48xl");

        var placed = PlacementPolicy.NoSmtSiblings.Place(t, 150);

        Assert.All(placed, h => Assert.Equal(0, h.SmtRank));
        Assert.Equal(96, placed.Distinct().Count());
    }

    [Fact]
    public void ExplicitCpusAreUsedInTheGivenOrder()
    {
        var t = ShippedTopologies.Load("aws-r5.metal");

        var policy = PlacementPolicy.Parse("cpus:3,1");

        Assert.Equal([3, 1, 3], Cpus(policy.Place(t, 3)));
        Assert.Equal("cpus:3,1", policy.Name);
        Assert.Throws<ArgumentException>(() => PlacementPolicy.Parse("cpus:200").Place(t, 1));
        Assert.Throws<FormatException>(() => PlacementPolicy.Parse("cpus:"));
    }

    [Fact]
    public void PolicyNamesParseAndMisspellingsGetASuggestion()
    {
        Assert.Same(PlacementPolicy.Spread, PlacementPolicy.Parse("spread"));
        Assert.Same(PlacementPolicy.NoSmtSiblings, PlacementPolicy.Parse("no-smt"));
        var e = Assert.Throws<FormatException>(() => PlacementPolicy.Parse("sprad"));
        Assert.Contains("did you mean 'spread'?", e.Message, StringComparison.Ordinal);
    }

    private static List<int> Cpus(IEnumerable<HardwareThread> threads) => [.. threads.Select(h => h.OsCpu)];
}
