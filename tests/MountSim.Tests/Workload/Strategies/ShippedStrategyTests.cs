using MountSim.Kernel.Profiles;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Workload.Strategies;

/// <summary>The shipped strategies load against the default profile and say what ../shared/reference/incident.md section 1 says.</summary>
public sealed class ShippedStrategyTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    [Fact]
    public void TheFiveStrategiesOfTheIssueAreShipped()
    {
        Assert.Equal(["common-parent", "common-parent-single-pass", "detached-fds", "no-idmap", "per-layer"], MountStrategyLibrary.Names);
    }

    [Fact]
    public void EveryShippedStrategyLoadsWithItsPassesAndADescription()
    {
        Assert.All(MountStrategyLibrary.Names, name =>
        {
            var strategy = MountStrategyLibrary.Load(name, Profile);
            Assert.Equal(name, strategy.Name);
            Assert.NotEmpty(strategy.Description);
            Assert.NotEmpty(strategy.ContainerdVersions);
            Assert.Equal(["spec", "rootfs", "container"], strategy.Passes.Select(p => p.Name));
            Assert.Equal([new SyscallInvocation("umount_overlay")], strategy.Passes[0].Teardown);
            Assert.Empty(strategy.Passes[1].Teardown);
        });
    }

    [Fact]
    public void PerLayerRepeatsTheIdmapTripleForEachLayer()
    {
        var pass = MountStrategyLibrary.Load("per-layer", Profile).Passes[1];

        var repeat = Assert.IsType<RepeatInvocation>(pass.Syscalls[0]);
        Assert.Equal(RepeatCount.Layers, repeat.Count);
        Assert.Equal(["open_tree_clone", "mount_setattr_idmap", "move_mount", "close_attached"], repeat.Items.Cast<SyscallInvocation>().Select(s => s.Syscall));
        Assert.Equal(new SyscallInvocation("overlay_mount"), pass.Syscalls[1]);
        Assert.Equal("2.1.0 - 2.1.4", MountStrategyLibrary.Load("per-layer", Profile).ContainerdVersions[1]);
    }

    [Fact]
    public void TheSinglePassStrategyMakesNoIdmapInTheSpecPass()
    {
        var strategy = MountStrategyLibrary.Load("common-parent-single-pass", Profile);
        var accounting = StrategyAccounting.For(strategy, Profile, 50);

        Assert.DoesNotContain(accounting.Passes[0].Syscalls, s => s.Syscall == "mount_setattr_idmap");
        Assert.Contains(accounting.Passes[1].Syscalls, s => s.Syscall == "mount_setattr_idmap");
    }
}
