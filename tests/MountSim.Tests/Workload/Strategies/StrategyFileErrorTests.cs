using MountSim.Kernel.Profiles;
using MountSim.Workload.Strategies;
using MountSim.Yaml;

namespace MountSim.Tests.Workload.Strategies;

/// <summary>Each way a strategy file can be broken gives file, line, column, field and what was expected.</summary>
public sealed class StrategyFileErrorTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    /// <summary>A valid strategy; each test breaks one line of it. Line numbers below refer to it.</summary>
    private const string Valid = """
        name: mine
        description: a user's strategy
        containerd: "2.9"
        passes:
          - name: rootfs
            syscalls:
              - repeat: layers
                syscalls: [open_tree_clone, mount_setattr_idmap]
              - overlay_mount
              - repeat: 2
                syscalls:
                  - mountinfo_read
            teardown:
              - umount_overlay
        """;

    [Fact]
    public void TheValidFileLoads()
    {
        var strategy = MountStrategyYamlReader.Parse(Valid, "s.yaml", Profile);

        Assert.Equal(["2.9"], strategy.ContainerdVersions);
        Assert.Equal(RepeatCount.Of(2), Assert.IsType<RepeatInvocation>(strategy.Passes[0].Syscalls[2]).Count);
        Assert.Equal(6, StrategyAccounting.For(strategy, Profile, 3).Passes[0].Syscalls.Where(s => s.Syscall != "overlay_mount" && s.Syscall != "mountinfo_read").Sum(s => s.Count));
    }

    [Fact]
    public void AnUnknownSyscallSuggestsTheProfilesRecipe()
    {
        var e = Fail(Valid.Replace("- overlay_mount", "- overlay_mnt", StringComparison.Ordinal));

        Assert.Equal(("s.yaml", 9, 9, "passes[0].syscalls[1]"), (e.File, e.Line, e.Column, e.Field));
        Assert.StartsWith("s.yaml:9:9: passes[0].syscalls[1]: unknown syscall 'overlay_mnt'; did you mean 'overlay_mount'? (kernel profile linux-6.17 has: open_tree_clone,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownSyscallInsideARepeatIsFound()
    {
        var e = Fail(Valid.Replace("[open_tree_clone, mount_setattr_idmap]", "[open_tree_clone, mount_setattr_idmp]", StringComparison.Ordinal));

        Assert.Equal(("passes[0].syscalls[0].syscalls[1]", 8, 37), (e.Field, e.Line, e.Column));
        Assert.Contains("unknown syscall 'mount_setattr_idmp'; did you mean 'mount_setattr_idmap'?", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repeat: layers", "repeat: layer", "s.yaml:7:17: passes[0].syscalls[0].repeat: expected layers or a whole number, got 'layer'; did you mean 'layers'?")]
    [InlineData("repeat: 2", "repeat: table_reads", "s.yaml:10:17: passes[0].syscalls[2].repeat: expected layers or a whole number, got 'table_reads'")]
    [InlineData("          - mountinfo_read\n", "", "s.yaml:11:18: passes[0].syscalls[2].syscalls: expected a list of syscalls, got nothing")]
    [InlineData("    teardown:", "    tear_down:", "s.yaml:13:5: passes[0].tear_down: unknown key 'tear_down'; did you mean 'teardown'?")]
    [InlineData("  - name: rootfs\n", "  -\n", "s.yaml:6:5: passes[0].name: missing; expected the pass's name")]
    [InlineData("passes:", "pases:", "s.yaml:4:1: pases: unknown key 'pases'; did you mean 'passes'?")]
    [InlineData("        syscalls: [open_tree_clone, mount_setattr_idmap]", "        syscalls: []", "s.yaml:8:19: passes[0].syscalls[0].syscalls: expected at least one syscall")]
    public void EachBrokenValueSaysWhereAndWhat(string line, string replacement, string expected)
    {
        var broken = Valid.Replace(line, replacement, StringComparison.Ordinal);

        Assert.NotEqual(Valid, broken);
        Assert.StartsWith(expected, Fail(broken).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStrategyNeedsAPass()
    {
        var e = Fail("name: empty\npasses: []\n");

        Assert.Equal("s.yaml:2:9: passes: expected at least one pass", e.Message);
    }

    [Fact]
    public void AnUnknownStrategyNameSuggestsAShippedOne()
    {
        var e = Assert.Throws<UnknownNameException>(() => MountStrategyLibrary.Resolve("per_layer", Profile));

        Assert.StartsWith("Unknown strategy 'per_layer'; did you mean 'per-layer'?", e.Message, StringComparison.Ordinal);
    }

    private static InputFileException Fail(string yaml) => Assert.Throws<InputFileException>(() => MountStrategyYamlReader.Parse(yaml, "s.yaml", Profile));
}
