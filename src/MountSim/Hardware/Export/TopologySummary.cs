using System.Globalization;

namespace MountSim.Hardware.Export;

/// <summary>Short descriptions of a topology's shape, shared by the list, the tree and tests.</summary>
public static class TopologySummary
{
    /// <summary><c>2 x 24 x 2</c> (sockets x cores per socket x threads per core), or <c>irregular</c>.</summary>
    public static string Shape(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var coresPerSocket = topology.Sockets.Select(s => s.Cores.Count()).Distinct().ToList();
        var threadsPerCore = topology.Cores.Select(c => c.Threads.Count).Distinct().ToList();
        return coresPerSocket.Count == 1 && threadsPerCore.Count == 1
            ? Invariant($"{topology.Sockets.Count} x {coresPerSocket[0]} x {threadsPerCore[0]}")
            : Invariant($"irregular: {topology.Sockets.Count} sockets, {topology.Cores.Count} cores, {topology.Threads.Count} threads");
    }

    /// <summary><c>1 per socket (24 cores)</c>, <c>6 per socket x 8 cores</c>, or per-socket counts when sockets differ.</summary>
    public static string LlcLayout(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var perSocket = topology.Sockets.Select(s => s.LlcDomains.Count).Distinct().ToList();
        var coresPerLlc = topology.LlcDomains.Select(l => l.Cores.Count).Distinct().ToList();
        if (perSocket.Count == 1 && coresPerLlc.Count == 1)
        {
            return perSocket[0] == 1
                ? Invariant($"1 per socket ({coresPerLlc[0]} cores)")
                : Invariant($"{perSocket[0]} per socket x {coresPerLlc[0]} cores");
        }

        return Invariant($"{topology.LlcDomains.Count} domains of {string.Join("/", coresPerLlc.Order())} cores");
    }

    /// <summary>The OS cpu numbers of some threads as a cpu list.</summary>
    public static string Cpus(IEnumerable<HardwareThread> threads) => CpuList.Format(threads.Select(t => t.OsCpu));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
