using MountSim.Kernel.Profiles;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Workload.Strategies;

/// <summary>Issue 4, acceptance 1, and ../shared/reference/kernel-mount-locks.md 1.3's lock counts, from the recipes alone.</summary>
public sealed class StrategyAccountingTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    private static ContainerAccounting Account(string strategy, int layers) =>
        StrategyAccounting.For(MountStrategyLibrary.Load(strategy, Profile), Profile, layers);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(50)]
    [InlineData(55)]
    public void PerLayerMakesTwoTimesOnePlusTwoLMountTableOpsPerContainer(int layers)
    {
        var container = Account("per-layer", layers);

        Assert.Equal(2 * (1 + 2 * layers), container.MountTableOps);

        // The spec pass also unmounts its temporary overlay: 4L + 3 in all (../shared/reference/incident.md 1.1).
        Assert.Equal(1, container.TeardownMountTableOps);
    }

    [Fact]
    public void OneHundredContainersOfFiftyLayersMakeTheIncidentsTwentyThousandTwoHundred()
    {
        Assert.Equal(20_200, 100 * Account("per-layer", 50).MountTableOps);
        Assert.Equal(600, 100 * Account("common-parent", 50).MountTableOps);
    }

    [Theory]
    [InlineData("common-parent", 6)]
    [InlineData("common-parent-single-pass", 4)]
    [InlineData("no-idmap", 2)]
    [InlineData("detached-fds", 2)]
    public void OtherStrategiesMakeACountIndependentOfL(string strategy, int ops)
    {
        Assert.All([1, 10, 50, 200], layers => Assert.Equal(ops, Account(strategy, layers).MountTableOps));
    }

    /// <summary>
    /// runc's namespace pass on an empty host table: unshare, make_rslave, pivot_root and the old root's
    /// umount each take namespace_sem for write; lock_mnt_tree, pivot_root and umount_tree one mount_lock
    /// write each; the umount one grace period.
    /// </summary>
    private static RecipeCounts ContainerPass => Account("per-layer", 1).Passes[2].Locks;

    [Fact]
    public void RuncsNamespacePassLocksOnceEachOnAnEmptyTableAndOncePerCopiedMount()
    {
        // lock_mnt_tree, pivot_root, umount_old_root's umount_tree and path_umount's final mntput of the old root (with its sum).
        Assert.Equal((4L, 4L, 1L, 1L), (ContainerPass.NsWrite, ContainerPass.MountLockWrite, ContainerPass.RcuGpExpedited, ContainerPass.PercpuSums));

        var withTable = StrategyAccounting.For(MountStrategyLibrary.Load("per-layer", Profile), Profile, 1, mounts: 100).Passes[2].Locks;

        // copy_tree's clone_mnt adds each copy to its superblock's s_mounts and attach_mnt hashes it, each under its own
        // write section (audit item 7c), and each detached copy's final mntput takes one with a sum.
        Assert.Equal((4L + 300, 101L), (withTable.MountLockWrite, withTable.PercpuSums));
    }

    [Fact]
    public void PerLayerSyscallCountsFollowTheLayers()
    {
        var container = Account("per-layer", 50);

        Assert.Equal(
            [("open_tree_clone", 100L), ("mount_setattr_idmap", 100L), ("move_mount", 100L), ("close_attached", 100L), ("overlay_mount", 2L), ("umount_detach", 100L), ("umount_overlay", 1L),
             ("unshare_mount_namespace", 1L), ("make_rslave", 1L), ("pivot_root", 1L), ("umount_old_root", 1L)],
            container.Syscalls.Select(s => (s.Syscall, s.Count)));
        Assert.Equal((5 * 100) + 2 + 1 + 4, container.SyscallTotal);
        Assert.Equal([("umount_overlay", 1L)], container.Passes[0].TeardownSyscalls.Select(s => (s.Syscall, s.Count)));
    }

    [Fact]
    public void DetachedFdsKeepsTheTableStillButPaysAGracePeriodPerLayer()
    {
        var container = Account("detached-fds", 50);

        Assert.Equal(0, container.Syscalls.Count(s => s.Syscall == "move_mount"));
        Assert.Equal((2 * 50) + 2 + ContainerPass.RcuGpExpedited, container.Locks.RcuGpExpedited);

        // Per pass: open_tree and close_detached per layer, the overlay's attach; then the temporary overlay's umount.
        Assert.Equal((4 * 50) + 3 + ContainerPass.NsWrite, container.Locks.NsWrite);
    }

    /// <summary>
    /// ../shared/reference/kernel-mount-locks.md 1.3 gives, for the per-layer flow and n layers, "about 3n+1 W(ns), n R(ns),
    /// 7n+4 WL, 2n+2 EXP-GP". The recipes follow the 6.17 source instead (model audit item 7, read function
    /// by function in fs/namespace.c and fs/overlayfs/super.c; experiments/kernels/README.md, the audit's table):
    /// - per pass, W(ns) = 3n+1 (open_tree, move_mount, umount per layer; the overlay's attach), as 1.3 says,
    ///   and R(ns) = n+1: clone_private_mount per lowerdir and one for the upper layer (ovl_get_upper: a root
    ///   filesystem is writable), which 1.3 leaves out;
    /// - per pass, WL = 9n+3: per layer open_tree 2, mount_setattr 1, move_mount 2 (check_for_nsfs_mounts takes
    ///   lock_mount_hash before the commit's), umount 3 (do_umount; namespace_unlock's mntput, the slow path
    ///   because mnt_ns is NULL; path_umount's final mntput), the overlay's clone 1; plus the upper layer's
    ///   clone, vfs_create_mount and the attach. The temporary overlay's umount (the spec pass's teardown) takes
    ///   4 + n: do_umount, the overlay's two mntputs and one per layer and the upper's in kern_unmount_array;
    /// - EXP-GP = n per pass (the layer umounts) and 2 for the temporary overlay's umount, so 2n+2 per
    ///   container, 1.3's figure, although its breakdown (n tmp umounts, 1 overlay umount, 1
    ///   kern_unmount_array) adds up to n+2 for one pass.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void PerLayerLockCountsAgainstSection13(int n)
    {
        var container = Account("per-layer", n);
        var rootfs = container.Passes[1].Locks;
        var teardown = container.Passes[0].TeardownLocks;

        Assert.Equal((3 * n) + 1, rootfs.NsWrite);
        Assert.Equal(n + 1, rootfs.NsRead);
        Assert.Equal((9 * n) + 3, rootfs.MountLockWrite);
        Assert.Equal(n, rootfs.RcuGpExpedited);
        Assert.Equal((1, 4 + n, 2), (teardown.NsWrite, teardown.MountLockWrite, teardown.RcuGpExpedited));

        Assert.Equal((6 * n) + 3 + ContainerPass.NsWrite, container.Locks.NsWrite);
        Assert.Equal((2 * n) + 2, container.Locks.NsRead);
        Assert.Equal((19 * n) + 10 + ContainerPass.MountLockWrite, container.Locks.MountLockWrite);
        Assert.Equal((2 * n) + 2 + ContainerPass.RcuGpExpedited, container.Locks.RcuGpExpedited);

        // Per pass n sums in mount_setattr and 2n in the layer binds' two mntputs; 3 + n for the overlay umount, and the container pass's.
        Assert.Equal((7 * n) + 3 + ContainerPass.PercpuSums, container.Locks.PercpuSums);
    }

    /// <summary>1.3's common-dir flow: "about 4 W(ns), n R(ns), n+10 WL, 3 EXP-GP"; per pass here (the 6.17 source, as for per-layer): 4 W(ns), n+1 R(ns), n+11 WL, 1 EXP-GP.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void CommonParentLockCountsAgainstSection13(int n)
    {
        var rootfs = Account("common-parent", n).Passes[1].Locks;

        // open_tree, move_mount, overlay attach, umount; 1.3's n+10 WL and 3 EXP-GP include the temporary overlay's umount.
        Assert.Equal((4L, n + 1L, n + 11L, 1L), (rootfs.NsWrite, rootfs.NsRead, rootfs.MountLockWrite, rootfs.RcuGpExpedited));
    }

    [Fact]
    public void MountinfoReadsCountOneReadSectionPerBufferOfTheTable()
    {
        var strategy = MountStrategyLibrary.Load("common-parent-single-pass", Profile);

        var small = StrategyAccounting.For(strategy, Profile, 10, mounts: 10).Locks.NsRead;
        var large = StrategyAccounting.For(strategy, Profile, 10, mounts: 3200).Locks.NsRead;

        // 4,096-byte reads of 160-byte lines: 25 lines a read, so 3,200 lines take 128 reads and 10 take one.
        Assert.Equal(128 - 1, large - small);
    }
}
