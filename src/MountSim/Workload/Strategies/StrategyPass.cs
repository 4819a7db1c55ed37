using System.Collections.Immutable;

namespace MountSim.Workload.Strategies;

/// <summary>
/// One time a container start builds its root filesystem (containerd does it for the spec, then the shim
/// for the rootfs): <see cref="Syscalls"/> build it; <see cref="Teardown"/> undo it once it has served,
/// during the start (the spec pass unmounts its temporary overlay). A start runs the passes in order.
/// </summary>
public sealed record StrategyPass(string Name, string Description, ImmutableArray<Invocation> Syscalls, ImmutableArray<Invocation> Teardown);
