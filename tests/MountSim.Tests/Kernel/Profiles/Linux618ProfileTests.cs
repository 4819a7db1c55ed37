using MountSim.Kernel.Profiles;

namespace MountSim.Tests.Kernel.Profiles;

/// <summary>
/// The shipped linux-6.18 profile: linux-6.17's recipes with the sections 6.18's mount series changed (setup_mnt's
/// s_mounts insert under the spinlock only, check_for_nsfs_mounts and open_detached_copy without mount_lock), and
/// the same uncontended totals, which were measured on Linux 6.18.44.
/// </summary>
public sealed class Linux618ProfileTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load("linux-6.18");
    private static readonly KernelProfile Linux617 = KernelProfileLibrary.Load("linux-6.17");

    /// <summary>The recipes whose sections 6.18 changed.</summary>
    private static readonly string[] Changed =
        ["open_tree_clone", "move_mount", "overlay_mount", "unshare_mount_namespace", "mount_new_fs", "bind_mount", "bind_mount_enotdir", "host_bind_mount", "fsmount_overlay_sealed"];

    public static TheoryData<string> RecipeNames => [.. Linux617.RecipeList.Select(r => r.Name)];

    [Fact]
    public void ItIsShippedBesideTheDefaultWithTheSameRecipes()
    {
        Assert.Equal(["linux-6.17", "linux-6.18"], KernelProfileLibrary.Names);
        Assert.Equal("linux-6.17", KernelProfileLibrary.DefaultName);
        Assert.Equal(("linux-6.18", "6.18"), (Profile.Name, Profile.KernelVersion));
        Assert.StartsWith("Linux 6.18 mount code", Profile.Description, StringComparison.Ordinal);
        Assert.Equal(Linux617.RecipeList.Select(r => r.Name), Profile.RecipeList.Select(r => r.Name));
        Assert.Equal(Linux617.ParameterList.Select(p => (p.Key, p.Value)), Profile.ParameterList.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void EveryRecipeSaysWhatDiffersFrom617()
    {
        Assert.All(Profile.RecipeList, r => Assert.StartsWith("6.18: ", Profile.SourceOf($"recipes.{r.Name}"), StringComparison.Ordinal));
    }

    [Fact]
    public void ChangedRecipesTakeThe618Sections()
    {
        RecipeCounts Count(string name, int layers = 0) => Profile.Recipe(name).Count(new RepeatBindings(layers, 1));

        // clone_mnt's s_mounts insert is an XL (setup_mnt); open_detached_copy fills the anonymous namespace without mount_lock
        Assert.Equal(new RecipeCounts { PathWalks = 1, NsWrite = 1, MntIdAllocs = 1, MountLockExclusive = 1 }, Count("open_tree_clone"));
        // check_for_nsfs_mounts takes no lock: only the commit's WL is left
        Assert.Equal(new RecipeCounts { PathWalks = 1, NsWrite = 1, MountLockExclusive = 3, MountLockWrite = 1, MountTableAdds = 1, MountinfoEvents = 1 }, Count("move_mount"));
        // the upper's and every lowerdir's clone and vfs_create_mount are XL beside lock_mount's three; the commit is the one WL
        Assert.Equal(
            new RecipeCounts { PathWalks = 1 + 1 + 50, NsRead = 1 + 50, MntIdAllocs = 1 + 50 + 1, MountLockExclusive = 1 + 50 + 1 + 3, MountLockWrite = 1, NsWrite = 1, MountTableAdds = 1, MountinfoEvents = 1 },
            Count("overlay_mount", 50));
        // per copied mount clone_mnt's XL and attach_mnt's WL, then lock_mnt_tree's WL
        Assert.Equal(
            new RecipeCounts { NsWrite = 1, MntIdAllocs = 100, MountLockExclusive = 100, MountLockWrite = 100 + 1 },
            Profile.Recipe("unshare_mount_namespace").Count(new RepeatBindings(0, 1, Mounts: 100)));
        Assert.Equal(new RecipeCounts { PathWalks = 1, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 1, MountLockExclusive = 4 }, Count("mount_new_fs"));
        Assert.Equal(new RecipeCounts { PathWalks = 2, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 1, MountLockExclusive = 4 }, Count("bind_mount"));
        Assert.Equal(new RecipeCounts { PathWalks = 2, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 2, MountLockExclusive = 3, RcuGpExpedited = 1, PercpuSums = 1 }, Count("bind_mount_enotdir"));
        Assert.Equal(new RecipeCounts { PathWalks = 2, NsWrite = 1, MntIdAllocs = 1, MountLockWrite = 1, MountLockExclusive = 4, MountTableAdds = 1, MountinfoEvents = 1 }, Count("host_bind_mount"));
        Assert.Equal(new RecipeCounts { PathWalks = 3, NsRead = 2, MntIdAllocs = 3, MountLockExclusive = 3 }, Count("fsmount_overlay_sealed"));
    }

    [Fact]
    public void OtherRecipesTakeThe617Sections()
    {
        var bindings = new RepeatBindings(50, 4, Peers: 3, Mounts: 100, Threads: 2_000);

        Assert.All(
            Profile.RecipeList.Where(r => !Changed.Contains(r.Name)),
            r => Assert.Equal(Linux617.Recipe(r.Name).Count(bindings), r.Count(bindings)));
    }

    [Fact]
    public void TheSetupMntInsertMovesFromWriteToSpinlockOnlyAndTwoWriteSectionsAreGone()
    {
        var bindings = new RepeatBindings(50, 1, Peers: 3, Mounts: 100);
        RecipeCounts Diff(string name) => Profile.Recipe(name).Count(bindings) + (-1 * Linux617.Recipe(name).Count(bindings));

        Assert.Equal(new RecipeCounts { MountLockWrite = -2, MountLockExclusive = 1 }, Diff("open_tree_clone"));
        Assert.Equal(new RecipeCounts { MountLockWrite = -1 }, Diff("move_mount"));
        Assert.Equal(new RecipeCounts { MountLockWrite = -52, MountLockExclusive = 52 }, Diff("overlay_mount"));
        Assert.Equal(new RecipeCounts { MountLockWrite = -100, MountLockExclusive = 100 }, Diff("unshare_mount_namespace"));
        Assert.All(
            ["mount_new_fs", "bind_mount", "bind_mount_enotdir", "host_bind_mount"],
            name => Assert.Equal(new RecipeCounts { MountLockWrite = -1, MountLockExclusive = 1 }, Diff(name)));
        Assert.Equal(new RecipeCounts { MountLockWrite = -3, MountLockExclusive = 3 }, Diff("fsmount_overlay_sealed"));
    }

    /// <summary>The costs were measured on 6.18.44: 6.18's sections re-split 6.17's totals, at any size.</summary>
    [Theory]
    [MemberData(nameof(RecipeNames))]
    public void UncontendedTotalsAreThoseOf617(string recipe)
    {
        Assert.Equal(Linux617.UncontendedNs(recipe, 2, 2, 25), Profile.UncontendedNs(recipe, 2, 2, 25), 6);
        Assert.Equal(Linux617.UncontendedNs(recipe, 50, 96, 1_000, 4_000), Profile.UncontendedNs(recipe, 50, 96, 1_000, 4_000), 6);
    }

    /// <summary>The totals the changed recipes are fitted to (../shared/reference/kernel-mount-locks.md 4 and tests/harness/runcmounts.c, ShippedProfileTests).</summary>
    [Theory]
    [InlineData("open_tree_clone", 0, 3.4)]
    [InlineData("move_mount", 0, 2.3)]
    [InlineData("overlay_mount", 2, 21.6)]
    [InlineData("mount_new_fs", 0, 7.0)]
    [InlineData("bind_mount", 0, 3.3)]
    [InlineData("bind_mount_enotdir", 0, 30.4)]
    [InlineData("host_bind_mount", 0, 3.3)]
    [InlineData("fsmount_overlay_sealed", 0, 19.75)]
    public void ChangedRecipesKeepTheirMeasuredTotals(string recipe, int layers, double us)
    {
        Assert.Equal(us, Profile.UncontendedNs(recipe, layers, nrPossibleCpus: 2, mounts: 25) / 1000, 6);
    }
}
