namespace MountSim.Hardware;

/// <summary>The input shape of one LLC domain: its NUMA node and, per core, the OS cpus of its threads.</summary>
public sealed record LlcDomainLayout(int NumaNode, IReadOnlyList<IReadOnlyList<int>> Cores);
