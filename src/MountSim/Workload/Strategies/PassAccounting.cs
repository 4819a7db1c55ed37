using MountSim.Kernel.Profiles;

namespace MountSim.Workload.Strategies;

/// <summary>One pass's calls and locks: building (<see cref="Syscalls"/>, <see cref="Locks"/>) apart from teardown.</summary>
public sealed record PassAccounting(string Pass, IReadOnlyList<SyscallCount> Syscalls, RecipeCounts Locks, IReadOnlyList<SyscallCount> TeardownSyscalls, RecipeCounts TeardownLocks);
