using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Sysfs;
using MountSim.Hardware.Yaml;

namespace MountSim.Tests.Hardware;

/// <summary>Detection on captured sysfs trees (Fixtures/, written by make-fixtures.py).</summary>
public sealed class SysfsTopologyDetectorTests
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Hardware", "Fixtures", name);

    [Fact]
    public void TwoCpuVmWithoutSmtIsOneLlcOfTwoCoresFoundByLevelNotIndex()
    {
        var detection = new SysfsTopologyDetector(Fixture("vm-2cpu")).Detect();
        var t = detection.Topology;

        Assert.Equal("detected-guest", t.Name);
        Assert.Equal("AMD EPYC Processor", t.Cpu);
        Assert.Equal((1, 1, 2, 2), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.False(t.HasSmt);
        Assert.Equal(DistanceClass.SameLlc, t.DistanceBetween(0, 1));
        Assert.Equal([DistanceClass.SameLlc], t.ExistingClasses());
        Assert.Null(t.Latencies.SmtSiblingNs);
        Assert.True(t.NeedsCalibration("latency.same_llc"));
        Assert.Equal(2, t.NrPossibleCpus);
        Assert.Null(t.Spec.NumaDistances);
    }

    [Fact]
    public void ADetectedHostHasNoPriceSinceSysfsDoesNotKnowTheBill()
    {
        var t = new SysfsTopologyDetector(Fixture("intel-2s-4c-ht")).Detect().Topology;

        Assert.Null(t.PricePerHour);
        Assert.Null(t.SourceOf("price_per_hour"));
    }

    [Fact]
    public void DualSocketIntelWithHyperThreadingPairsCpuNWithNPlusHalf()
    {
        var t = new SysfsTopologyDetector(Fixture("intel-2s-4c-ht")).Detect().Topology;

        Assert.Equal((2, 2, 8, 16), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.Equal("2 x 4 x 2", TopologySummary.Shape(t));
        Assert.All(t.Cores, c => Assert.Equal(c.Threads[0].OsCpu + 8, c.Threads[1].OsCpu));
        Assert.Equal("0-3,8-11", TopologySummary.Cpus(t.Sockets[0].Threads));
        Assert.Equal(DistanceClass.SmtSibling, Class(t, 1, 9));
        Assert.Equal(DistanceClass.SameLlc, Class(t, 0, 11));
        Assert.Equal(DistanceClass.CrossSocket, Class(t, 3, 4));
        Assert.Equal([0, 1], t.NumaNodes);
        Assert.Equal([[10, 21], [21, 10]], t.Spec.NumaDistances!.Select(r => r.ToArray()).ToArray());
        Assert.Equal(32, t.NrPossibleCpus);
        Assert.Equal(CoherenceKind.Centralized, t.Coherence.Kind);
        Assert.Equal("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", t.Cpu);
    }

    [Fact]
    public void AmdHostWithTwoEightCoreCcxHasTwoLlcDomainsAndDistributedArbitration()
    {
        var t = new SysfsTopologyDetector(Fixture("amd-1s-2ccx-smt")).Detect().Topology;

        Assert.Equal((1, 2, 16, 32), (t.Sockets.Count, t.LlcDomains.Count, t.Cores.Count, t.Threads.Count));
        Assert.Equal("2 per socket x 8 cores", TopologySummary.LlcLayout(t));
        Assert.Equal("0-7,16-23", TopologySummary.Cpus(t.LlcDomains[0].Threads));
        Assert.Equal(DistanceClass.SmtSibling, Class(t, 7, 23));
        Assert.Equal(DistanceClass.SameLlc, Class(t, 0, 7));
        Assert.Equal(DistanceClass.SameSocket, Class(t, 7, 8));
        Assert.Equal(DistanceClass.SameSocket, Class(t, 0, 31));
        Assert.Equal(CoherenceKind.Distributed, t.Coherence.Kind);
        Assert.True(t.NeedsCalibration("coherence.directory_service"));
        Assert.True(t.NeedsCalibration("smt_slowdown"));
    }

    [Fact]
    public void CpusetAndAffinityRestrictTheHostToTheUsableCpus()
    {
        var detection = new SysfsTopologyDetector(Fixture("cpuset-restricted")).Detect();
        var t = detection.Topology;

        Assert.Equal([2, 3, 4, 5, 10, 11], detection.UsableCpus);
        Assert.Equal([[2, 10], [3, 11], [4], [5]], t.Cores.Select(c => c.Threads.Select(h => h.OsCpu).ToArray()).ToArray());
        Assert.Equal((1, 1), (t.Sockets.Count, t.LlcDomains.Count));
        Assert.StartsWith("irregular", TopologySummary.Shape(t), StringComparison.Ordinal);
        Assert.Equal(16, t.NrPossibleCpus);
        Assert.Contains(detection.Notes, n => n.Contains("cgroup cpuset 2-5,10-13", StringComparison.Ordinal));
        Assert.Contains(detection.Notes, n => n.Contains("Cpus_allowed_list) 0-11", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vm-2cpu")]
    [InlineData("intel-2s-4c-ht")]
    [InlineData("amd-1s-2ccx-smt")]
    [InlineData("cpuset-restricted")]
    public void TheWrittenFileReadsBackToTheSameTree(string fixture)
    {
        var detected = new SysfsTopologyDetector(Fixture(fixture)).Detect().Topology;

        var reread = TopologyYamlReader.Parse(TopologyYamlWriter.ToYaml(detected, "header"), fixture + ".yaml");

        Assert.Equal(Tree(detected), Tree(reread));
        Assert.Equal(detected.NrPossibleCpus, reread.NrPossibleCpus);
        Assert.Equal(detected.Coherence, reread.Coherence);
        Assert.Equal(detected.Latencies, reread.Latencies);
        Assert.Equal(detected.Sources, reread.Sources);
    }

    [Theory]
    [InlineData("-1", null)]
    [InlineData("65535", null)]
    [InlineData("3", 3)]
    [InlineData("junk", null)]
    public void PackageIdSentinelsMeanAbsent(string text, int? expected) => Assert.Equal(expected, SysfsTopologyDetector.ParseId(text));

    [Fact]
    public void ARootWithoutSysfsIsReported()
    {
        var e = Assert.Throws<TopologyDetectionException>(() => new SysfsTopologyDetector(Fixture("vm-2cpu/proc")).Detect());
        Assert.Contains("sys/devices/system/cpu does not exist", e.Message, StringComparison.Ordinal);
    }

    internal static string Tree(Topology t) =>
        string.Join(" | ", t.Sockets.Select(s => string.Join(" ; ", s.LlcDomains.Select(l => $"n{l.NumaNode}:" + string.Join(" ", l.Cores.Select(c => string.Join(",", c.Threads.Select(h => h.OsCpu))))))));

    private static DistanceClass Class(Topology t, int cpuA, int cpuB) => t.DistanceBetween(t.IndexOfCpu(cpuA), t.IndexOfCpu(cpuB));
}
