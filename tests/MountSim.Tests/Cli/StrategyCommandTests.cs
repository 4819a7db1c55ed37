using MountSim.Cli;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Cli;

/// <summary><c>mountsim strategy list|show</c> through the whole command line.</summary>
public sealed class StrategyCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-strategy-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void ListGivesEachStrategysVersionsAndMountTableFormula()
    {
        var (code, output, error) = CliRunner.Run("strategy", "list");

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(MountStrategyLibrary.Names.Count, lines.Length);
        Assert.Matches(@"^per-layer +containerd <= 2\.0\.6, 2\.1\.0 - 2\.1\.4 +mount-table ops per start 2 \+ 4L$", lines.Single(l => l.StartsWith("per-layer", StringComparison.Ordinal)));
        Assert.EndsWith("mount-table ops per start 6", lines.Single(l => l.StartsWith("common-parent ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowPrintsThePassesAndTheAccounting()
    {
        var (code, output, _) = CliRunner.Run("strategy", "show", "per-layer", "--layers", "50");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("""
            pass 1 spec: (a) spec generation mounts the image read-only to look up the user in /etc/passwd, then unmounts it
              repeat x layers:
                open_tree_clone
                mount_setattr_idmap
                move_mount
                close_attached
              overlay_mount
              repeat x layers:
                umount_detach
              teardown:
                umount_overlay
            """.ReplaceLineEndings(), output, StringComparison.Ordinal);
        Assert.Contains("  move_mount                       50        50         0         0       100", output, StringComparison.Ordinal);
        Assert.Contains("  umount_old_root                   0         0         1         0         1", output, StringComparison.Ordinal);
        Assert.Contains("  mount-table ops: 202 = 2 + 4L", output, StringComparison.Ordinal);
        Assert.Contains("                   + 1 in teardown", output, StringComparison.Ordinal);
        Assert.Contains("  EXP-GP                           50        50         1         2       103", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RuncsNamespacePassCountsEveryMountOfTheHostTable()
    {
        var (_, empty, _) = CliRunner.Run("strategy", "show", "per-layer", "--mounts", "0");
        var (_, hundred, _) = CliRunner.Run("strategy", "show", "per-layer", "--mounts", "100");
        var (code, _, error) = CliRunner.Run("strategy", "show", "per-layer", "--mounts", "-1");

        // copy_mnt_ns clones and attaches each copy under a WL each and runc's old-root detach puts each back under one more.
        Assert.Contains("  WL                              453       453         4        54       964", empty, StringComparison.Ordinal);
        Assert.Contains("  WL                              453       453       304        54      1264", hundred, StringComparison.Ordinal);
        Assert.Contains("a host table of 100 mounts", hundred, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--mounts must be 0 or more.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LayersDefaultToFiftyAndChangeTheCounts()
    {
        var (_, fifty, _) = CliRunner.Run("strategy", "show", "per-layer");
        var (_, three, _) = CliRunner.Run("strategy", "show", "per-layer", "--layers", "3");

        Assert.Contains("per container start, L = 50 layers", fifty, StringComparison.Ordinal);
        Assert.Contains("  mount-table ops: 14 = 2 + 4L", three, StringComparison.Ordinal);
    }

    [Fact]
    public void AUserStrategyFileIsCheckedAgainstTheProfile()
    {
        var good = Path.Combine(_scratch, "mine.yaml");
        File.WriteAllText(good, "name: mine\npasses:\n  - name: only\n    syscalls: [overlay_mount]\n");
        var bad = Path.Combine(_scratch, "bad.yaml");
        File.WriteAllText(bad, "name: bad\npasses:\n  - name: only\n    syscalls: [overlay_mount, umount_overlya]\n");

        var (goodCode, output, _) = CliRunner.Run("strategy", "show", good, "--layers", "7");
        var (badCode, _, error) = CliRunner.Run("strategy", "show", bad);

        Assert.Equal(ExitCodes.Success, goodCode);
        Assert.Contains("  mount-table ops: 1 = 1 ", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, badCode);
        Assert.StartsWith($"mountsim: {bad}:4:31: passes[0].syscalls[1]: unknown syscall 'umount_overlya'; did you mean 'umount_overlay'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNamesAndNegativeLayersAreBadInput()
    {
        var (strategyCode, _, strategyError) = CliRunner.Run("strategy", "show", "common-parnt");
        var (kernelCode, _, kernelError) = CliRunner.Run("strategy", "list", "--kernel", "linux-6.7");
        var (layersCode, _, layersError) = CliRunner.Run("strategy", "show", "per-layer", "--layers", "-1");

        Assert.Equal((ExitCodes.BadInput, ExitCodes.BadInput, ExitCodes.BadInput), (strategyCode, kernelCode, layersCode));
        Assert.Contains("did you mean 'common-parent'?", strategyError, StringComparison.Ordinal);
        Assert.Contains("did you mean 'linux-6.17'?", kernelError, StringComparison.Ordinal);
        Assert.Contains("--layers must be 0 or more.", layersError, StringComparison.Ordinal);
    }
}
