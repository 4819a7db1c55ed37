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
        Assert.Equal(Count(OpKind.RepeatBegin) + Count(OpKind.MountLoop), Count(OpKind.RepeatEnd));
    }

    [Fact]
    public void ALoopOfShortStepsOverTheMountsIsOneTheKernelMayRunInClosedForm()
    {
        var program = ThreadProgram.ForSyscall("unshare_mount_namespace", Profile, nrPossibleCpus: 96);
        var loop = program.Ops.ToList().FindIndex(op => op.Kind == OpKind.MountLoop);
        var body = program.LoopAt(loop);

        // copy_tree per mount: clone_mnt's work and a new mount's id and counters, then two write sections of 50 ns.
        Assert.Equal(1, body.Allocations);
        Assert.Equal([false, true, true], body.Segments.Select(s => s.IsSection));
        Assert.Equal(525 + Profile.Parameters.MntIdAllocNs + (96 * Profile.Parameters.PercpuSumPerCpuNs), body.Segments[0].WorkNs, 6);
        Assert.Equal(50, body.Segments[1].WorkNs);

        // Each segment points at its operations: the round goes on one by one from any of them.
        Assert.Equal(OpKind.MountLockWrite, program.Ops[loop + 1 + body.Segments[1].FirstOp].Kind);
        Assert.Equal(OpKind.MountLockUnlock, program.Ops[loop + body.Segments[2].FirstOp + body.Segments[2].OpCount].Kind);
        Assert.Equal(OpKind.RepeatEnd, program.Ops[loop + 1 + body.Segments[2].FirstOp + body.Segments[2].OpCount].Kind);
    }

    [Fact]
    public void ALoopThatTakesNamespaceSemRunsRoundByRound()
    {
        // mountinfo's read() per buffer takes namespace_sem for reading: no closed form for that round.
        var program = ThreadProgram.ForSyscall("mountinfo_read", Profile, nrPossibleCpus: 4);

        Assert.Contains(program.Ops, op => op.Kind == OpKind.RepeatBegin);
        Assert.DoesNotContain(program.Ops, op => op.Kind == OpKind.MountLoop);
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
