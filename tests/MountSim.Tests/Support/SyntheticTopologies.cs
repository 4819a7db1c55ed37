using MountSim.Hardware;

namespace MountSim.Tests.Support;

/// <summary>Small hosts with round numbers, so expected costs can be worked out by hand.</summary>
internal static class SyntheticTopologies
{
    /// <summary>One socket, one mesh LLC of <paramref name="cores"/> cores, no SMT: 50 ns per transfer, home agent 50 ns per request.</summary>
    public static Topology Mesh(int cores) => Build(
        "mesh",
        new RegularLayout(1, 1, 1, cores, 1, CpuNumbering.SmtLast),
        new LatencyTable(null, 50, null, null),
        CoherenceArbitration.Centralized(50));

    /// <summary>
    /// One socket, one mesh LLC of <paramref name="cores"/> cores with two hardware threads each, numbered
    /// SMT last (core i has CPUs i and i + cores): siblings 10 ns apart, cores 50 ns; no SMT slowdown.
    /// </summary>
    public static Topology SmtMesh(int cores) => Build(
        "smt mesh",
        new RegularLayout(1, 1, 1, cores, 2, CpuNumbering.SmtLast),
        new LatencyTable(10, 50, null, null),
        CoherenceArbitration.Centralized(50));

    /// <summary>Two sockets of one mesh LLC of <paramref name="coresPerSocket"/> cores each, no SMT: 50 ns per transfer and request inside a socket, 150 ns across.</summary>
    public static Topology TwoSocketMesh(int coresPerSocket) => Build(
        "two-socket mesh",
        new RegularLayout(2, 1, 1, coresPerSocket, 1, CpuNumbering.SmtLast),
        new LatencyTable(null, 50, null, 150),
        CoherenceArbitration.Centralized(50));

    /// <summary>
    /// One socket of <paramref name="domains"/> LLC domains with <paramref name="coresPerDomain"/> cores each, no SMT:
    /// 20 ns inside a domain, 100 ns across; local service 20 ns, directory 100 ns per request.
    /// </summary>
    public static Topology Chiplet(int domains, int coresPerDomain) => Build(
        "chiplet",
        new RegularLayout(1, 1, domains, coresPerDomain, 1, CpuNumbering.SmtLast),
        new LatencyTable(null, 20, domains > 1 ? 100 : null, null),
        CoherenceArbitration.Distributed(20, 100));

    private static Topology Build(string name, RegularLayout layout, LatencyTable latencies, CoherenceArbitration coherence) => new(new TopologySpec
    {
        Name = name,
        Sockets = layout.ToSockets(),
        Regular = layout,
        Latencies = latencies,
        Coherence = coherence,
    });
}
