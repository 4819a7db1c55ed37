using MountSim.Kernel.Execution;
using MountSim.Kernel.Profiles;
using MountSim.Workload;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Kernel.Execution;

public sealed class ThreadProgramTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    [Fact]
    public void AContainerStartUnrollsLayersInOrderAndEndsEachPassWithItsTeardown()
    {
        var program = ContainerStartProgram.Build(MountStrategyLibrary.Load("per-layer", Profile), Profile, layers: 2, nrPossibleCpus: 4);

        Assert.Equal(
            [
                "open_tree_clone", "mount_setattr_idmap", "move_mount", "close_attached",
                "open_tree_clone", "mount_setattr_idmap", "move_mount", "close_attached",
                "overlay_mount", "umount_detach", "umount_detach", "umount_overlay",
                "open_tree_clone", "mount_setattr_idmap", "move_mount", "close_attached",
                "open_tree_clone", "mount_setattr_idmap", "move_mount", "close_attached",
                "overlay_mount", "umount_detach", "umount_detach",
                "unshare_mount_namespace", "make_rslave", "pivot_root", "umount_old_root",
            ],
            program.Calls);
    }

    [Fact]
    public void ItMakesTheCallsTheStrategysAccountingCounts()
    {
        var strategy = MountStrategyLibrary.Load("per-layer", Profile);
        var program = ContainerStartProgram.Build(strategy, Profile, layers: 50, nrPossibleCpus: 96);

        Assert.Equal(StrategyAccounting.For(strategy, Profile, 50).SyscallTotal, program.Calls.Count());
    }

    [Fact]
    public void LockSectionsOpenAndCloseInPairs()
    {
        var program = ContainerStartProgram.Build(MountStrategyLibrary.Load("detached-fds", Profile), Profile, layers: 5, nrPossibleCpus: 8);
        int Count(OpKind kind) => program.Ops.Count(op => op.Kind == kind);

        Assert.Equal(Count(OpKind.NamespaceWriteLock), Count(OpKind.NamespaceWriteUnlock));
        Assert.Equal(Count(OpKind.NamespaceReadLock), Count(OpKind.NamespaceReadUnlock));
        Assert.Equal(Count(OpKind.MountLockWrite) + Count(OpKind.MountLockExclusive), Count(OpKind.MountLockUnlock));
        Assert.Equal(Count(OpKind.RepeatBegin), Count(OpKind.RepeatEnd));
    }

    [Fact]
    public void APercpuSumCostsOneCounterPerPossibleCpu()
    {
        var program = ThreadProgram.ForSyscall("mount_setattr_idmap", Profile, nrPossibleCpus: 96);

        Assert.Equal(96 * Profile.Parameters.PercpuSumPerCpuNs, program.Ops.Single(op => op.Kind == OpKind.PercpuSum).Ns);
    }

    [Fact]
    public void MountSetattrsEmptyPathSamplesTheSequenceBeforeItsWriteSectionAndWalksNothing()
    {
        var ops = ThreadProgram.ForSyscall("mount_setattr_idmap", Profile, nrPossibleCpus: 2).Ops.ToList();

        var pathInit = ops.FindIndex(op => op.Kind == OpKind.PathWalk);
        Assert.Equal(0, ops[pathInit].Ns);
        Assert.True(pathInit < ops.FindIndex(op => op.Kind == OpKind.MountLockWrite));
    }
}
