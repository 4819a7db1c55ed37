using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Yaml;

namespace MountSim.Tests.Hardware;

/// <summary>The optional parts of the schema: explicit sockets, a measured matrix, NUMA distances, prices.</summary>
public sealed class TopologyYamlReaderTests
{
    private const string Measured = """
        name: measured
        sockets:
          - llc_domains:
              - cores: [[0, 2], [1, 3]]
        latency:
          smt_sibling: 8ns
          same_llc: 50ns
          matrix:
            cpus: 0-3
            rows:
              - [0, 45, 7.5, 52]
              - [45, 0, 51, 8]
              - [7.5, 51, 0, 49]
              - [52, 8, 49, 0]
        coherence: {arbitration: centralized, home_service: 48ns}
        smt_slowdown: 1.1
        price_per_hour: 0.5
        numa_distances: [[10]]
        sources:
          sockets: "test host"
          latency: "measured with core-to-core-latency"
          coherence: calibrate
          smt_slowdown: calibrate
          price_per_hour: "test"
          numa_distances: "test"
        """;

    [Fact]
    public void AMeasuredMatrixOverridesTheClassLatencies()
    {
        var t = TopologyYamlReader.Parse(Measured, "m.yaml");

        Assert.Equal(DistanceClass.SmtSibling, t.DistanceBetween(t.IndexOfCpu(0), t.IndexOfCpu(2)));
        Assert.Equal(7.5, t.TransferNs(t.IndexOfCpu(0), t.IndexOfCpu(2)));
        Assert.Equal(52, t.TransferNs(t.IndexOfCpu(0), t.IndexOfCpu(3)));
        Assert.Equal(0.5m, t.PricePerHour);
        Assert.Equal([[10]], t.Spec.NumaDistances!.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void TheWriterKeepsTheMatrixPriceAndDistances()
    {
        var t = TopologyYamlReader.Parse(Measured, "m.yaml");

        var reread = TopologyYamlReader.Parse(TopologyYamlWriter.ToYaml(t), "again.yaml");

        Assert.Equal(49, reread.TransferNs(reread.IndexOfCpu(2), reread.IndexOfCpu(3)));
        Assert.Equal((0.5m, 1.1), (reread.PricePerHour, reread.SmtSlowdown));
        Assert.Equal(t.Sources, reread.Sources);
    }

    [Fact]
    public void AMatrixRowOfTheWrongLengthDoesNotAddUp()
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Parse(Measured.Replace("[45, 0, 51, 8]", "[45, 0, 51]", StringComparison.Ordinal), "m.yaml"));

        Assert.Equal("m.yaml:12:9: latency.matrix.rows: counts do not add up: expected 4 latencies in each row, got 3", e.Message);
    }

    [Fact]
    public void AMatrixOverOtherCpusIsRejected()
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Parse(Measured.Replace("cpus: 0-3", "cpus: 0-4", StringComparison.Ordinal), "m.yaml"));

        Assert.Equal("m.yaml:9:11: latency.matrix.cpus: expected exactly the topology's CPUs 0-3, got 0-4", e.Message);
    }

    [Fact]
    public void NumaDistancesMustHaveARowPerNode()
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Parse(Measured.Replace("[[10]]", "[[10, 21], [21, 10]]", StringComparison.Ordinal), "m.yaml"));

        Assert.Equal(("numa_distances", 18), (e.Field, e.Line));
        Assert.Contains("the topology has 1 NUMA node(s), so expected 1 rows, got 2", e.Message, StringComparison.Ordinal);
    }
}
