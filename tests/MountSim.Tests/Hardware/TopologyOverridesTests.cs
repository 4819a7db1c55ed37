using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Yaml;

namespace MountSim.Tests.Hardware;

public sealed class TopologyOverridesTests
{
    [Fact]
    public void SmtOffKeepsOneThreadPerCoreAndThePossibleCpus()
    {
        var r5 = ShippedTopologies.Load("aws-r5.metal");

        var t = r5.With(new TopologyOverrides(SmtOff: true));

        Assert.Equal("aws-r5.metal+smt-off", t.Name);
        Assert.Equal((48, 48), (t.Cores.Count, t.Threads.Count));
        Assert.Equal(Enumerable.Range(0, 48), t.Threads.Select(h => h.OsCpu).Order());
        Assert.Equal([DistanceClass.SameLlc, DistanceClass.CrossSocket], t.ExistingClasses());
        Assert.Equal(96, t.NrPossibleCpus);
        Assert.Equal(134.1, t.TransferNs(t.IndexOfCpu(0), t.IndexOfCpu(24)));
        Assert.Equal(96, r5.Threads.Count);
    }

    [Fact]
    public void OneSocketDropsTheOtherSocketItsNumaNodeAndItsPossibleCpus()
    {
        var t = ShippedTopologies.Load("aws-c6a.metal").With(new TopologyOverrides(Sockets: 1));

        Assert.Equal((1, 6, 96), (t.Sockets.Count, t.LlcDomains.Count, t.Threads.Count));
        Assert.Equal(0, t.PairCount(DistanceClass.CrossSocket));
        Assert.Equal([0], t.NumaNodes);
        Assert.Equal(96, t.NrPossibleCpus);
        Assert.Equal("1 x 48 x 2", TopologySummary.Shape(t));
    }

    [Fact]
    public void SmtOffIsTheSameMachineAtTheSamePrice()
    {
        var r5 = ShippedTopologies.Load("aws-r5.metal");

        var t = r5.With(new TopologyOverrides(SmtOff: true));

        Assert.Equal(6.048m, t.PricePerHour);
        Assert.Equal(r5.SourceOf("price_per_hour"), t.SourceOf("price_per_hour"));
    }

    [Fact]
    public void FewerSocketsIsAnotherMachineWithoutThePriceOrItsSource()
    {
        var t = ShippedTopologies.Load("aws-m7i.metal-48xl").With(new TopologyOverrides(Sockets: 1));

        Assert.Null(t.PricePerHour);
        Assert.Null(t.SourceOf("price_per_hour"));
        Assert.Null(TopologyYamlReader.Parse(TopologyYamlWriter.ToYaml(t), "variant.yaml").PricePerHour);
    }

    [Fact]
    public void KeepingEverySocketKeepsThePrice()
    {
        var t = ShippedTopologies.Load("aws-c6a.metal").With(new TopologyOverrides(SmtOff: true, Sockets: 2));

        Assert.Equal(7.344m, t.PricePerHour);
    }

    [Fact]
    public void OverridesCombineAndTheVariantWritesBackAsAValidFile()
    {
        var t = ShippedTopologies.Load("aws-m7i.metal-48xl").With(new TopologyOverrides(SmtOff: true, Sockets: 1));

        var reread = TopologyYamlReader.Parse(TopologyYamlWriter.ToYaml(t), "variant.yaml");

        Assert.Equal("aws-m7i.metal-48xl+smt-off+sockets-1", reread.Name);
        Assert.Equal(SysfsTopologyDetectorTests.Tree(t), SysfsTopologyDetectorTests.Tree(reread));
        Assert.Equal("1 x 48 x 1", TopologySummary.Shape(reread));
    }

    [Fact]
    public void MoreSocketsThanTheHostHasIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ShippedTopologies.Load("aws-r5.metal").With(new TopologyOverrides(Sockets: 3)));

        Assert.Contains("'aws-r5.metal' has 2 socket(s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoOverridesReturnTheSameTopology()
    {
        var t = ShippedTopologies.Load("aws-c7g.16xlarge");

        Assert.Same(t, t.With(TopologyOverrides.None));
    }
}
