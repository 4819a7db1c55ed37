using MountSim.Kernel.Profiles;

namespace MountSim.Workload.Strategies;

/// <summary>What one container start does under a strategy with a given layer count, read from the recipes alone.</summary>
public sealed record ContainerAccounting(int Layers, IReadOnlyList<PassAccounting> Passes, IReadOnlyList<SyscallCount> Syscalls, RecipeCounts Locks)
{
    /// <summary>
    /// Mount-table operations as the incident article counts them: every mount added to or removed from
    /// the host table while the passes build their root filesystems (overlay mounts, layer bind mounts,
    /// their umounts); teardown is left out, as the article's 2 x (1 + 2L) leaves out the temporary overlay's umount.
    /// </summary>
    public long MountTableOps => Passes.Sum(p => p.Locks.MountTableOps);

    /// <summary>Mount-table operations of teardown (the spec pass's temporary overlay umount).</summary>
    public long TeardownMountTableOps => Passes.Sum(p => p.TeardownLocks.MountTableOps);

    public long SyscallTotal => Syscalls.Sum(s => s.Count);
}
