using System.Globalization;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Yaml;

namespace MountSim.Tests.Hardware;

/// <summary>Each shipped host against ../shared/reference/hardware.md: shape, distance classes, latencies; and its price.</summary>
public sealed class ShippedTopologyTests
{
    public static TheoryData<string> Names => [.. ShippedTopologies.Library.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryShippedTopologyLoadsAndCitesEveryFigure(string name)
    {
        var topology = ShippedTopologies.Load(name);

        Assert.Equal(name, topology.Name);
        Assert.NotNull(topology.Cpu);
        Assert.All(topology.ExistingClasses(), c => Assert.NotNull(topology.Latencies.For(c)));
        Assert.NotNull(topology.SourceOf("layout"));
        Assert.All(topology.ExistingClasses(), c => Assert.NotNull(topology.SourceOf("latency." + LatencyTable.KeyOf(c))));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryShippedTopologyHasAnOnDemandPriceThatNamesItsSource(string name)
    {
        var topology = ShippedTopologies.Load(name);

        Assert.True(topology.PricePerHour > 0, $"{name} has no price");
        var source = topology.SourceOf("price_per_hour");
        Assert.NotNull(source);
        Assert.Contains("us-east-1", source, StringComparison.Ordinal);
        Assert.False(topology.NeedsCalibration("price_per_hour"));
    }

    [Theory]
    [InlineData("aws-r5.metal", "6.048")]
    [InlineData("aws-m7i.metal-24xl", "4.8384")]
    [InlineData("aws-m7i.metal-48xl", "9.6768")]
    [InlineData("aws-m7a.24xlarge", "5.56416")]
    [InlineData("aws-m7a.metal-48xl", "11.12832")]
    [InlineData("aws-c6a.metal", "7.344")]
    [InlineData("aws-c7g.16xlarge", "2.32")]
    public void EachPriceIsTheOneItsSourceLists(string name, string usdPerHour)
    {
        Assert.Equal(decimal.Parse(usdPerHour, CultureInfo.InvariantCulture), ShippedTopologies.Load(name).PricePerHour);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryShippedTopologyWritesBackWithItsPriceAndItsSource(string name)
    {
        var topology = ShippedTopologies.Load(name);

        var reread = TopologyYamlReader.Parse(TopologyYamlWriter.ToYaml(topology), "again.yaml");

        Assert.Equal(topology.PricePerHour, reread.PricePerHour);
        Assert.Equal(topology.SourceOf("price_per_hour"), reread.SourceOf("price_per_hour"));
    }

    [Fact]
    public void R5MetalIsTwoCascadeLakeSocketsWithHyperThreadSiblingsHalfTheMachineApart()
    {
        var t = ShippedTopologies.Load("aws-r5.metal");

        Assert.Equal((2, 2, 48, 96), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.Equal(DistanceClass.Self, Class(t, 5, 5));
        Assert.Equal(DistanceClass.SmtSibling, Class(t, 0, 48));
        Assert.Equal(DistanceClass.SameLlc, Class(t, 0, 23));
        Assert.Equal(DistanceClass.SameLlc, Class(t, 0, 71));
        Assert.Equal(DistanceClass.CrossSocket, Class(t, 0, 24));
        Assert.Equal(DistanceClass.CrossSocket, Class(t, 23, 95));
        Assert.Equal(0, Ns(t, 3, 3));
        Assert.Equal(7.6, Ns(t, 0, 48));
        Assert.Equal(46.6, Ns(t, 1, 2));
        Assert.Equal(134.1, Ns(t, 0, 24));
        Assert.Equal(CoherenceKind.Centralized, t.Coherence.Kind);
        Assert.Equal(0, t.PairCount(DistanceClass.SameSocket));
    }

    [Fact]
    public void R5MetalAddsTheFarHomePenaltyOnlyWhenTheLineIsHomedAwayFromItsHolder()
    {
        var t = ShippedTopologies.Load("aws-r5.metal");
        int holder = t.IndexOfCpu(0), remote = t.IndexOfCpu(24), local = t.IndexOfCpu(1);

        Assert.Equal(134.1, t.TransferNs(holder, remote, homeSocket: 0), 6);
        Assert.Equal(134.1 + 62.6, t.TransferNs(holder, remote, homeSocket: 1), 6);
        Assert.Equal(46.6, t.TransferNs(holder, local, homeSocket: 1), 6);
    }

    [Fact]
    public void M7iMetal24xlIsOneSapphireRapidsSocketWithPlaceholderLatenciesToCalibrate()
    {
        var t = ShippedTopologies.Load("aws-m7i.metal-24xl");

        Assert.Equal((1, 1, 48, 96), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.Equal(DistanceClass.SmtSibling, Class(t, 47, 95));
        Assert.Equal(51, Ns(t, 0, 47));
        Assert.True(t.NeedsCalibration("latency.same_llc"));
        Assert.Equal([DistanceClass.SmtSibling, DistanceClass.SameLlc], t.ExistingClasses());
    }

    [Fact]
    public void M7iMetal48xlHasTwoSocketsOfFortyEightCores()
    {
        var t = ShippedTopologies.Load("aws-m7i.metal-48xl");

        Assert.Equal((2, 96, 192), (t.Sockets.Count, t.Cores.Count, t.Threads.Count));
        Assert.Equal(DistanceClass.SmtSibling, Class(t, 0, 96));
        Assert.Equal(DistanceClass.CrossSocket, Class(t, 47, 48));
        Assert.Equal(108, Ns(t, 0, 48));
    }

    [Fact]
    public void M7a24xlargeIsTwelveEightCoreGenoaDomainsWithoutSmt()
    {
        var t = ShippedTopologies.Load("aws-m7a.24xlarge");

        Assert.Equal((1, 12, 96, 96), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.False(t.HasSmt);
        Assert.Equal(DistanceClass.SameLlc, Class(t, 0, 7));
        Assert.Equal(DistanceClass.SameSocket, Class(t, 7, 8));
        Assert.Equal(23, Ns(t, 8, 15));
        Assert.Equal(100, Ns(t, 0, 95));
        Assert.Equal(CoherenceKind.Distributed, t.Coherence.Kind);
        Assert.Equal(0, t.PairCount(DistanceClass.SmtSibling));
    }

    [Fact]
    public void M7aMetal48xlCrossesSocketsAtAboutTwoHundredNanoseconds()
    {
        var t = ShippedTopologies.Load("aws-m7a.metal-48xl");

        Assert.Equal((2, 24, 192), (t.Sockets.Count, t.LlcDomains.Count, t.Threads.Count));
        Assert.Equal(DistanceClass.CrossSocket, Class(t, 95, 96));
        Assert.Equal(196, Ns(t, 0, 191));
        Assert.Equal(100, Ns(t, 96, 104));
    }

    [Fact]
    public void C6aMetalIsMilanWithEightCoreCcxAndSmtSiblingsHalfTheMachineApart()
    {
        var t = ShippedTopologies.Load("aws-c6a.metal");

        Assert.Equal((2, 12, 96, 192), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.Equal(DistanceClass.SmtSibling, Class(t, 0, 96));
        Assert.Equal(DistanceClass.SameLlc, Class(t, 0, 103));
        Assert.Equal(DistanceClass.SameSocket, Class(t, 0, 8));
        Assert.Equal(DistanceClass.CrossSocket, Class(t, 0, 48));
        Assert.Equal(9.8, Ns(t, 5, 101));
        Assert.Equal(22.7, Ns(t, 0, 7));
        Assert.Equal(107.6, Ns(t, 0, 8));
        Assert.Equal(197.2, Ns(t, 0, 144));
        Assert.Equal(107.6, t.Coherence.HomeServiceNs);
        Assert.Equal(22.7, t.Coherence.LocalServiceNs);
    }

    [Fact]
    public void C7g16xlargeIsOneGraviton3MeshWithOneLatency()
    {
        var t = ShippedTopologies.Load("aws-c7g.16xlarge");

        Assert.Equal((1, 1, 64, 64), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.Equal([DistanceClass.SameLlc], t.ExistingClasses());
        Assert.Equal(46.4, Ns(t, 0, 63));
        Assert.Equal(64L * 63, t.PairCount(DistanceClass.SameLlc));
    }

    private static DistanceClass Class(Topology t, int cpuA, int cpuB) => t.DistanceBetween(t.IndexOfCpu(cpuA), t.IndexOfCpu(cpuB));

    private static double Ns(Topology t, int cpuA, int cpuB) => t.TransferNs(t.IndexOfCpu(cpuA), t.IndexOfCpu(cpuB));
}
