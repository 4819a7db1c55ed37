namespace MountSim.Workload.Strategies;

/// <summary>How many times one syscall runs.</summary>
public sealed record SyscallCount(string Syscall, long Count);
