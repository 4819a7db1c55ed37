namespace MountSim.Workload.Runtimes;

/// <summary>A phase's own costs: its userspace work in all, and the parsing of one mount-table line by its reads.</summary>
public sealed record RuntimePhaseCost(double UserspaceNs, double ParseNsPerLine);
