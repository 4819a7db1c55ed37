namespace MountSim.Hardware;

/// <summary>
/// The cores that share one last-level cache: the whole socket on an Intel mesh or Graviton, one
/// 8-core CCX/CCD on AMD Zen 3/4. It sits in one NUMA node (a socket may hold several).
/// </summary>
public sealed record LlcDomain(int Index, int SocketIndex, int NumaNode, IReadOnlyList<Core> Cores)
{
    public IEnumerable<HardwareThread> Threads => Cores.SelectMany(c => c.Threads);
}
