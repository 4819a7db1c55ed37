using MountSim.Kernel.Profiles;
using MountSim.Yaml;

namespace MountSim.Tests.Kernel.Profiles;

/// <summary>Each way a profile can be broken gives file, line, column, field and what was expected.</summary>
public sealed class KernelProfileFileErrorTests
{
    /// <summary>A valid profile; each test breaks one line of it. Line numbers below refer to it.</summary>
    private const string Valid = """
        name: test
        kernel: "6.17"
        parameters:
          path_walk: 1us
          ref_walk_factor: 2
          percpu_sum_per_cpu: 20ns
          mntid_alloc: 500ns
          pcpu_alloc_hold: 150ns
          mountinfo_event: 50ns
          mountinfo_per_byte: 7.1ns
          mountinfo_line_bytes: 160
          mountinfo_lowerdir_bytes: 60
          mountinfo_read_bytes: 4096
          rcu_gp_expedited: 25us
          rcu_gp_expedited_per_busy_cpu: 500ns
          rwsem_wakeup: 5us
          rwsem_handoff: 4ms
          rwsem_reader_batch: 256
        recipes:
          umount:
            description: a test umount
            steps:
              - path_walk
              - ns_write:
                  - cpu: 300ns
                  - mount_lock_write:
                      - cpu: 400ns
                      - mount_table: -1
                      - mountinfo_event
              - rcu_gp_expedited
              - repeat:
                  count: layers
                  steps:
                    - mount_lock_write: [percpu_sum]
        sources:
          parameters: test
          recipes.umount: test
        """;

    [Fact]
    public void TheValidFileLoads()
    {
        var profile = KernelProfileYamlReader.Parse(Valid, "k.yaml");

        var steps = profile.Recipe("umount").Steps;
        Assert.IsType<PathWalkStep>(steps[0]);
        var write = Assert.IsType<NamespaceWriteStep>(steps[1]);
        Assert.Equal(new CpuStep(300), write.Steps[0]);
        Assert.Equal(new MountTableStep(-1), Assert.IsType<MountLockWriteStep>(write.Steps[1]).Steps[1]);
        Assert.Equal(RepeatCount.Layers, Assert.IsType<RepeatStep>(steps[3]).Count);
        Assert.Equal(3, profile.Recipe("umount").Count(new RepeatBindings(3, 1)).PercpuSums);
    }

    [Fact]
    public void AnUnknownStepSuggestsTheNearestOne()
    {
        var e = Fail(Valid.Replace("- ns_write:", "- ns_wrte:", StringComparison.Ordinal));

        Assert.Equal(("k.yaml", 24, 9, "recipes.umount.steps[1]"), (e.File, e.Line, e.Column, e.Field));
        Assert.StartsWith("k.yaml:24:9: recipes.umount.steps[1]: unknown step 'ns_wrte'; did you mean 'ns_write'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMountLockSectionInsideAnotherIsRejected()
    {
        var e = Fail(Valid.Replace("          - mountinfo_event", "          - mount_lock_excl: [cpu: 1ns]", StringComparison.Ordinal));

        Assert.Equal((29, 17), (e.Line, e.Column));
        Assert.Equal("k.yaml:29:17: recipes.umount.steps[1].ns_write[1].mount_lock_write[2].mount_lock_excl: mount_lock_excl inside mount_lock_write: mount_lock is a spinlock and not recursive, a section inside another deadlocks", e.Message);
    }

    [Fact]
    public void NamespaceWriteInsideNamespaceReadIsRejected()
    {
        var e = Fail(Valid.Replace("- ns_write:\n          - cpu: 300ns", "- ns_read:\n          - ns_write: [cpu: 300ns]", StringComparison.Ordinal));

        Assert.Equal((25, 13), (e.Line, e.Column));
        Assert.EndsWith("ns_read[0].ns_write: ns_write inside ns_read: namespace_sem is not recursive, a second section inside the first deadlocks", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGracePeriodInsideANamespaceSemSectionIsRejected()
    {
        var e = Fail(Valid.Replace("      - cpu: 300ns", "      - rcu_gp_expedited", StringComparison.Ordinal));

        Assert.Equal(("recipes.umount.steps[1].ns_write[0].rcu_gp_expedited", 25, 13), (e.Field, e.Line, e.Column));
        Assert.Contains("inside ns_write: the kernel releases namespace_sem before the grace period", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGracePeriodInsideMountLockIsRejected()
    {
        var e = Fail(Valid.Replace("- mount_lock_write: [percpu_sum]", "- mount_lock_write: [rcu_gp_expedited]", StringComparison.Ordinal));

        Assert.Equal(34, e.Line);
        Assert.Contains("rcu_gp_expedited: inside mount_lock_write: nothing may wait for a grace period under the mount_lock spinlock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASumOutsideMountLockIsRejected()
    {
        var e = Fail(Valid.Replace("- mount_lock_write: [percpu_sum]", "- percpu_sum", StringComparison.Ordinal));

        Assert.Equal(("recipes.umount.steps[3].repeat.steps[0].percpu_sum", 34), (e.Field, e.Line));
        Assert.Contains("outside mount_lock", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("          - mountinfo_event", "          - ns_read: [cpu: 1ns]", "sleeping lock")]
    [InlineData("          - mountinfo_event", "          - path_walk", "path_init spins")]
    [InlineData("          - mountinfo_event", "          - path_init", "path_init spins")]
    [InlineData("          - mountinfo_event", "          - mntid_alloc", "pcpu_alloc_mutex")]
    [InlineData("      - cpu: 300ns", "      - mount_table: +1", "outside mount_lock_write")]
    [InlineData("  - rcu_gp_expedited", "  - mountinfo_lines", "mountinfo_lines: outside a namespace_sem section")]
    [InlineData("      - cpu: 300ns", "      - mountinfo_event", "touch_mnt_namespace runs under mount_lock")]
    public void OtherNestingTheKernelNeverDoesIsRejected(string line, string replacement, string expected)
    {
        var broken = Valid.Replace(line, replacement, StringComparison.Ordinal);

        Assert.NotEqual(Valid, broken);
        Assert.Contains(expected, Fail(broken).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- path_walk", "- path_walk: 2", "recipes.umount.steps[0].path_walk: takes no value; write it alone: '- path_walk'")]
    [InlineData("- cpu: 300ns", "- cpu", "recipes.umount.steps[1].ns_write[0].cpu: needs a duration: 'cpu: 1.2us'")]
    [InlineData("- cpu: 300ns", "- cpu: fast", "expected a duration such as 46.6ns, 1.2us or 0.5ms (a bare number is ns), got 'fast'")]
    [InlineData("  pcpu_alloc_hold: 150ns", "  pcpu_alloc_hold: 1us", "parameters.pcpu_alloc_hold: expected at most mntid_alloc: the hold is the part of the allocation done under pcpu_alloc_mutex")]
    [InlineData("- mount_table: -1", "- mount_table: 0", "recipes.umount.steps[1].ns_write[1].mount_lock_write[1].mount_table: expected a change such as +1 or -1, got 0")]
    [InlineData("- mount_table: -1", "- mount_table: {change: 0, lowerdirs: layers}", "recipes.umount.steps[1].ns_write[1].mount_lock_write[1].mount_table.change: expected a change such as +1 or -1, got 0")]
    [InlineData("- mount_table: -1", "- mount_table: {change: -1, lowerdirs: peers}", "recipes.umount.steps[1].ns_write[1].mount_lock_write[1].mount_table.lowerdirs: expected layers or a whole number, got 'peers': an overlay's line is fixed when it is mounted")]
    [InlineData("count: layers", "count: layer", "recipes.umount.steps[3].repeat.count: expected layers, table_reads, peers, mounts, threads or a whole number, got 'layer'; did you mean 'layers'?")]
    [InlineData("count: layers", "count: -1", "expected layers, table_reads, peers, mounts, threads or a whole number, got '-1'")]
    [InlineData("- mount_lock_write: [percpu_sum]", "- mount_lock_write: []", "recipes.umount.steps[3].repeat.steps[0].mount_lock_write: expected at least one step")]
    [InlineData("- rcu_gp_expedited", "- {rcu_gp_expedited: 1, path_walk: 2}", "recipes.umount.steps[2]: expected a step: a name such as path_walk, or one key such as cpu: 1us or ns_write: [steps], got a mapping with several keys")]
    [InlineData("  rwsem_reader_batch: 256", "  rwsem_reader_batch: 2.5", "parameters.rwsem_reader_batch: expected a whole number, got '2.5'")]
    [InlineData("  rwsem_wakeup: 5us", "  rwsem_wakup: 5us", "parameters.rwsem_wakup: unknown key 'rwsem_wakup'; did you mean 'rwsem_wakeup'?")]
    [InlineData("  rwsem_wakeup: 5us\n", "", "parameters.rwsem_wakeup: missing; expected a duration: wake-up latency of a sleeping namespace_sem waiter")]
    [InlineData("  recipes.umount: test", "  recipes.umont: test", "sources.recipes.umont: no figure 'recipes.umont' in this file; did you mean 'recipes.umount'?")]
    [InlineData("\n  recipes.umount: test", "", "recipes.umount.steps[1].ns_write[0].cpu: no source: add 'recipes.umount: <citation>' under sources:")]
    [InlineData("kernel: \"6.17\"\n", "", "kernel: missing; expected the kernel version the recipes follow")]
    public void EachBrokenValueSaysWhatWasExpected(string line, string replacement, string expected)
    {
        var broken = Valid.Replace(line, replacement, StringComparison.Ordinal);

        Assert.NotEqual(Valid, broken);
        Assert.Contains(expected, Fail(broken).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFileIsRejected()
    {
        Assert.Equal("k.yaml:1:1: the file is empty; expected a kernel profile (name:, kernel:, parameters:, recipes:, sources:)", Fail(string.Empty).Message);
    }

    [Fact]
    public void AMissingFileHasNoPosition()
    {
        var e = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Load("/nonexistent/k.yaml"));

        Assert.StartsWith("/nonexistent/k.yaml: cannot read the file:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownProfileNameSuggestsAShippedOne()
    {
        var e = Assert.Throws<UnknownNameException>(() => KernelProfileLibrary.Resolve("linux-6.7"));

        Assert.StartsWith("Unknown kernel profile 'linux-6.7'; did you mean 'linux-6.17'? (shipped: linux-6.17, linux-6.18;", e.Message, StringComparison.Ordinal);
    }

    private static InputFileException Fail(string yaml) => Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Parse(yaml, "k.yaml"));
}
