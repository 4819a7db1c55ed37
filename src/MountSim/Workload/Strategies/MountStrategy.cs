using System.Collections.Immutable;

namespace MountSim.Workload.Strategies;

/// <summary>How a container runtime mounts an image's layers, as data: the syscalls of each pass of a container start.</summary>
public sealed record MountStrategy(string Name, string Description, ImmutableArray<string> ContainerdVersions, ImmutableArray<StrategyPass> Passes);
