using MountSim.Hardware;

namespace MountSim.Tests.Hardware;

/// <summary>The model's invariants and tables, on small hand-built topologies.</summary>
public sealed class TopologyTests
{
    private static readonly CoherenceArbitration Mesh = CoherenceArbitration.Centralized(50);

    [Fact]
    public void TheTreeIsNumberedInTreeOrderWithOsCpusKept()
    {
        var t = Build(new RegularLayout(2, 1, 2, 2, 2, CpuNumbering.SmtAdjacent), new LatencyTable(5, 20, 100, 200));

        Assert.Equal(Enumerable.Range(0, 16), t.Threads.Select(h => h.Index));
        Assert.Equal([0, 1], t.Cores[0].Threads.Select(h => h.OsCpu));
        Assert.Equal(DistanceClass.SmtSibling, t.DistanceBetween(0, 1));
        Assert.Equal(DistanceClass.SameLlc, t.DistanceBetween(0, 2));
        Assert.Equal(DistanceClass.SameSocket, t.DistanceBetween(0, 4));
        Assert.Equal(DistanceClass.CrossSocket, t.DistanceBetween(0, 8));
        Assert.Equal([5.0, 20, 100, 200], new[] { 1, 2, 4, 8 }.Select(b => t.TransferNs(0, b)));
        Assert.Equal(16L, t.PairCount(DistanceClass.Self));
    }

    [Fact]
    public void AMeasuredMatrixOverridesTheClassLatenciesPerOrderedPair()
    {
        var spec = Spec(new RegularLayout(1, 1, 1, 2, 1, CpuNumbering.SmtLast), new LatencyTable(null, 50, null, null)) with
        {
            Matrix = new PairLatencyMatrix([0, 1], [0, 41, 43, 0]),
        };

        var t = new Topology(spec);

        Assert.Equal((41.0, 43.0), (t.TransferNs(0, 1), t.TransferNs(1, 0)));
        Assert.Equal(DistanceClass.SameLlc, t.DistanceBetween(1, 0));
    }

    [Fact]
    public void AMissingLatencyForAnExistingClassIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Build(new RegularLayout(2, 1, 1, 2, 1, CpuNumbering.SmtLast), new LatencyTable(null, 50, null, null)));

        Assert.Contains("CrossSocket pairs but no latency.cross_socket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACpuInTwoCoresIsRejected()
    {
        var spec = Spec(new RegularLayout(1, 1, 1, 1, 1, CpuNumbering.SmtLast), new LatencyTable(null, 50, null, null)) with
        {
            Sockets = [new SocketLayout([new LlcDomainLayout(0, [[0, 1], [1]])])],
        };

        Assert.Contains("CPU 1 appears more than once", Assert.Throws<ArgumentException>(() => new Topology(spec)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangingTheSpecsCollectionsAfterwardsDoesNotChangeTheTopology()
    {
        List<IReadOnlyList<int>> cores = [[0], [1]];
        var sources = new Dictionary<string, string> { ["layout"] = "test" };
        var spec = Spec(new RegularLayout(1, 1, 1, 2, 1, CpuNumbering.SmtLast), new LatencyTable(null, 50, null, null)) with
        {
            Sockets = [new SocketLayout([new LlcDomainLayout(0, cores)])],
            Sources = sources,
        };
        var t = new Topology(spec);

        cores.Add([2]);
        sources["latency"] = "changed";

        Assert.Equal(2, t.Threads.Count);
        Assert.Equal(2, t.Spec.Sockets[0].LlcDomains[0].Cores.Count);
        Assert.Null(t.SourceOf("latency.same_llc"));
    }

    [Fact]
    public void NumaNodesSplitASocketsLlcDomainsEvenly()
    {
        var t = Build(new RegularLayout(2, 2, 4, 1, 1, CpuNumbering.SmtLast), new LatencyTable(null, null, 100, 200));

        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], t.LlcDomains.Select(l => l.NumaNode));
    }

    [Theory]
    [InlineData("0-3,8,10-11", new[] { 0, 1, 2, 3, 8, 10, 11 })]
    [InlineData("", new int[0])]
    [InlineData("5", new[] { 5 })]
    public void CpuListsParseAndFormatBack(string text, int[] cpus)
    {
        Assert.Equal(cpus, CpuList.Parse(text));
        Assert.Equal(text, CpuList.Format(cpus));
    }

    [Theory]
    [InlineData("3-1")]
    [InlineData("a")]
    public void BadCpuListsAreRejected(string text) => Assert.Throws<FormatException>(() => CpuList.Parse(text));

    private static Topology Build(RegularLayout layout, LatencyTable latencies) => new(Spec(layout, latencies));

    private static TopologySpec Spec(RegularLayout layout, LatencyTable latencies) => new()
    {
        Name = "test",
        Sockets = layout.ToSockets(),
        Regular = layout,
        Latencies = latencies,
        Coherence = Mesh,
    };
}
