using System.Collections.Immutable;
using MountSim.Kernel.Profiles;

namespace MountSim.Workload.Strategies;

/// <summary><c>{repeat: layers, syscalls: [...]}</c>: the items in order, then again, <see cref="Count"/> times (per layer: all of layer 1's calls, then layer 2's).</summary>
public sealed record RepeatInvocation(RepeatCount Count, ImmutableArray<Invocation> Items) : Invocation;
