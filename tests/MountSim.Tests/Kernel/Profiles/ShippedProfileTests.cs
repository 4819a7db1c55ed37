using MountSim.Kernel.Profiles;

namespace MountSim.Tests.Kernel.Profiles;

/// <summary>The shipped linux-6.17 profile: it loads, follows ../shared/reference/kernel-mount-locks.md 1.2, and its uncontended totals are the measured ones (section 4).</summary>
public sealed class ShippedProfileTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    [Fact]
    public void TheDefaultProfileIsShippedWithEveryRecipe()
    {
        Assert.Contains(KernelProfileLibrary.DefaultName, KernelProfileLibrary.Names);
        Assert.Equal(("linux-6.17", "6.17"), (Profile.Name, Profile.KernelVersion));
        Assert.Equal(
            ["open_tree_clone", "mount_setattr_idmap", "move_mount", "close_attached", "close_detached", "overlay_mount", "umount_detach", "umount_overlay",
             "unshare_mount_namespace", "make_rslave", "pivot_root", "umount_old_root",
             "mount_new_fs", "bind_mount", "remount_bind_readonly", "mount_failed", "bind_mount_enotdir", "host_bind_mount", "host_remount_bind_readonly",
             "fsmount_overlay_sealed", "make_private", "mountinfo_read"],
            Profile.RecipeList.Select(r => r.Name));
        Assert.All(Profile.RecipeList, r => Assert.NotEmpty(r.Description));
    }

    [Fact]
    public void EveryParameterHasASourceAndPlaceholdersAreMarked()
    {
        Assert.Equal(KernelParameters.Definitions.Count, Profile.ParameterList.Count);
        Assert.All(Profile.ParameterList, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.Equal(160 * 7.1, Profile.Parameters.MountinfoPerLineNs, 9);
        Assert.Equal(25, Profile.Parameters.MountinfoLinesPerRead);
        Assert.Equal(256, Profile.Parameters.RwsemReaderBatch);
        Assert.Equal(4e6, Profile.Parameters.RwsemHandoffNs);
        Assert.True(Profile.ParameterList.Single(p => p.Key == "rwsem_wakeup").NeedsCalibration);
        Assert.False(Profile.ParameterList.Single(p => p.Key == "mountinfo_per_byte").NeedsCalibration);
        Assert.True(Profile.ParameterList.Single(p => p.Key == "mountinfo_line_bytes").NeedsCalibration);
        Assert.StartsWith("locks: ../shared/reference/kernel-mount-locks.md 1.2", Profile.SourceOf("recipes.overlay_mount.steps[3].repeat.steps[1]"), StringComparison.Ordinal);
    }

    /// <summary>../shared/reference/kernel-mount-locks.md 4, p50 on the 2-vCPU guest (2 possible CPUs, a 25-line table).</summary>
    [Theory]
    [InlineData("open_tree_clone", 0, 3.4)]
    [InlineData("mount_setattr_idmap", 0, 1.2)]
    [InlineData("move_mount", 0, 2.3)]
    [InlineData("close_detached", 0, 28.8)]
    [InlineData("overlay_mount", 2, 21.8)]
    [InlineData("overlay_mount", 8, 43)]
    [InlineData("overlay_mount", 32, 122)]
    [InlineData("overlay_mount", 64, 227)]
    [InlineData("overlay_mount", 128, 440)]
    [InlineData("umount_overlay", 2, 67)]
    [InlineData("umount_overlay", 32, 97)]
    [InlineData("umount_overlay", 128, 192)]
    [InlineData("mountinfo_read", 0, 34)]
    public void UncontendedTotalsMatchTheMeasurementsOnTheSmallGuest(string recipe, int layers, double measuredUs)
    {
        var us = Profile.UncontendedNs(recipe, layers, nrPossibleCpus: 2, mounts: 25) / 1000;

        // The section-4 linear fits (15 + 3.3 K, 65 + 1.0 K) are within 4% of every measured point (K=8: 41.4 vs 43).
        Assert.InRange(us, measuredUs * 0.96, measuredUs * 1.04);
    }

    /// <summary>runc init's mounts, p50 on the same guest with tests/harness/runcmounts.c (medians of 14 runs).</summary>
    [Theory]
    [InlineData("mount_new_fs", 7.0)]
    [InlineData("bind_mount", 3.3)]
    [InlineData("remount_bind_readonly", 2.2)]
    [InlineData("mount_failed", 1.9)]
    [InlineData("host_bind_mount", 3.3)]
    [InlineData("host_remount_bind_readonly", 2.2)]
    [InlineData("bind_mount_enotdir", 30.4)] // 28.8 (close_detached) + 1.6 measured above the close in the same runs
    public void RuncInitMountsAddUpToTheirMeasurements(string recipe, double measuredUs)
    {
        Assert.Equal(measuredUs, Profile.UncontendedNs(recipe, 0, nrPossibleCpus: 2, mounts: 25) / 1000, 6);
    }

    /// <summary>pivot_root with many threads on the guest (tests/harness/pivotthreads.c, p50 of 300): chroot_fs_refs walks each.</summary>
    [Theory]
    [InlineData(4_089, 239.1)]
    [InlineData(10_089, 603.4)]
    [InlineData(20_089, 1_159.3)]
    public void PivotRootWalksEveryThreadOnTheHost(int threads, double measuredUs)
    {
        Assert.Equal(measuredUs, Profile.UncontendedNs("pivot_root", 0, nrPossibleCpus: 2, mounts: 25, threads) / 1000, 0.05 * measuredUs);
    }

    /// <summary>runc 1.2's calls, not measured: the sum of the parts they share with measured recipes (kernels/README.md).</summary>
    [Theory]
    [InlineData("fsmount_overlay_sealed", 19.75)] // overlay_mount's parts with two lowerdirs, no upper layer and no graft, fsmount's 2 us, the binary's lookup
    [InlineData("make_private", 1.12)] // a walk and make_rslave's 20 ns for one mount
    public void Runc12CallsAreTheSumOfTheirParts(string recipe, double composedUs)
    {
        Assert.Equal(composedUs, Profile.UncontendedNs(recipe, 0, nrPossibleCpus: 2, mounts: 25) / 1000, 6);
    }

    [Fact]
    public void RuncInitMountsChangeTheContainersTableNotTheHosts()
    {
        RecipeCounts Count(string name) => Profile.Recipe(name).Count(new RepeatBindings(0, 1));

        // do_new_mount: vfs_create_mount's WL, then lock_mount .. unlock_mount as move_mount's, with no host table change or event
        Assert.Equal(new RecipeCounts { PathWalks = 1, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 2, MountLockExclusive = 3 }, Count("mount_new_fs"));
        // do_loopback: two walks, clone_mnt's WL and the commit's
        Assert.Equal(new RecipeCounts { PathWalks = 2, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 2, MountLockExclusive = 3 }, Count("bind_mount"));
        // do_reconfigure_mnt takes no namespace_sem
        Assert.Equal(new RecipeCounts { PathWalks = 1, MountLockWrite = 1, PercpuSums = 1 }, Count("remount_bind_readonly"));
        Assert.Equal(new RecipeCounts { PathWalks = 1 }, Count("mount_failed"));
        // the clone graft_tree refuses: clone_mnt's WL, umount_tree's, then a grace period and the final mntput's slow path
        Assert.Equal(new RecipeCounts { PathWalks = 2, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 3, MountLockExclusive = 2, RcuGpExpedited = 1, PercpuSums = 1 }, Count("bind_mount_enotdir"));
        Assert.Equal(new RecipeCounts { PathWalks = 2, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 2, MountLockExclusive = 3, MountTableAdds = 1, MountinfoEvents = 1 }, Count("host_bind_mount"));
        Assert.Equal(new RecipeCounts { PathWalks = 1, MountLockWrite = 1, PercpuSums = 1, MountinfoEvents = 1 }, Count("host_remount_bind_readonly"));
        // a shared target in the runtime's namespace: one clone per peer, committed under the same WL
        Assert.Equal(4, Profile.Recipe("host_bind_mount").Count(new RepeatBindings(0, 1, Peers: 3)).MntIdAllocs);
    }

    [Fact]
    public void TheIdmapCycleAddsUpToItsMeasurement()
    {
        string[] cycle = ["open_tree_clone", "mount_setattr_idmap", "move_mount", "close_attached", "umount_detach"];

        var us = cycle.Sum(r => Profile.UncontendedNs(r, 0, 2, 25)) / 1000;

        Assert.Equal(36.2, us, 6);
    }

    [Fact]
    public void RecipesTakeTheLocksOfSection12()
    {
        RecipeCounts Count(string name, int layers = 0) => Profile.Recipe(name).Count(new RepeatBindings(layers, 1));

        Assert.Equal(new RecipeCounts { PathWalks = 1, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 2 }, Count("open_tree_clone"));
        Assert.Equal(new RecipeCounts { MountLockWrite = 1, PercpuSums = 1 }, Count("mount_setattr_idmap"));
        Assert.Equal(new RecipeCounts { PathWalks = 1, NsWrite = 1, MountLockExclusive = 3, MountLockWrite = 2, MountTableAdds = 1, MountinfoEvents = 1 }, Count("move_mount"));
        Assert.Equal(RecipeCounts.Zero, Count("close_attached"));
        Assert.Equal(new RecipeCounts { NsWrite = 1, MountLockWrite = 3, RcuGpExpedited = 1, PercpuSums = 2 }, Count("close_detached"));
        Assert.Equal(
            new RecipeCounts { PathWalks = 1 + 1 + 50, NsRead = 1 + 50, MntIdAllocs = 1 + 50 + 1, MountLockWrite = 1 + 50 + 2, NsWrite = 1, MountLockExclusive = 3, MountTableAdds = 1, MountinfoEvents = 1 },
            Count("overlay_mount", 50));
        Assert.Equal(new RecipeCounts { PathWalks = 1, NsWrite = 1, MountLockWrite = 3, RcuGpExpedited = 1, PercpuSums = 2, MountTableRemoves = 1, MountinfoEvents = 1 }, Count("umount_detach"));
        Assert.Equal(
            new RecipeCounts { PathWalks = 1, NsWrite = 1, MountLockWrite = 3 + 50 + 1, RcuGpExpedited = 2, PercpuSums = 2 + 50 + 1, MountTableRemoves = 1, MountinfoEvents = 1 },
            Count("umount_overlay", 50));
        Assert.Equal(new RecipeCounts { PathWalks = 1, NsRead = 4 }, Profile.Recipe("mountinfo_read").Count(RepeatBindings.For(0, 100, 32)));
    }

    [Fact]
    public void TheSumsScaleWithPossibleCpus()
    {
        var small = Profile.UncontendedNs("mount_setattr_idmap", 0, 2, 25);
        var large = Profile.UncontendedNs("mount_setattr_idmap", 0, 192, 25);

        Assert.Equal(190 * Profile.Parameters.PercpuSumPerCpuNs, large - small, 6);
    }
}
