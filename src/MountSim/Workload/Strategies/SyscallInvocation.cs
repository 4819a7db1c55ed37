namespace MountSim.Workload.Strategies;

/// <summary>One call of a syscall, named as the kernel profile's recipe.</summary>
public sealed record SyscallInvocation(string Syscall) : Invocation;
