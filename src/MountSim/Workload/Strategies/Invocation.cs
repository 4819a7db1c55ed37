namespace MountSim.Workload.Strategies;

/// <summary>One item of a pass: a syscall, or a block of them repeated.</summary>
public abstract record Invocation;
