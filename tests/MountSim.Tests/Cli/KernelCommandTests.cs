using MountSim.Cli;
using MountSim.Kernel.Profiles;

namespace MountSim.Tests.Cli;

/// <summary><c>mountsim kernel list|show</c> through the whole command line.</summary>
public sealed class KernelCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-kernel-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void ListNamesEveryShippedProfileAndMarksTheDefault()
    {
        var (code, output, error) = CliRunner.Run("kernel", "list");
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("linux-6.17 (default)  Linux 6.17  22 recipes  Linux 6.17-era mount code", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("linux-6.18  Linux 6.18  22 recipes  Linux 6.18 mount code", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ShowWithoutANamePrintsTheDefaultProfileAsATreeWithCostsAndSources()
    {
        var (code, output, _) = CliRunner.Run("kernel", "show");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("linux-6.17: Linux 6.17", output, StringComparison.Ordinal);
        Assert.Contains("  mountinfo_per_byte             7.1 ns    tests/harness/mountinfobytes.c", output, StringComparison.Ordinal);
        Assert.Contains("""
            overlay_mount: mount("overlay", target, "overlay", 0, "lowerdir=L1:...:Ln,...") with one lowerdir per layer
              uncontended, 2 possible CPUs: 15 us + 3.3 us x layers
              per call (L = 1): W(ns) 1, R(ns) 2, WL 4, XL 3, EXP-GP 0, percpu sums 0, mount table +1
                cpu  1 us
                path_walk  1 us
                cpu  4.7 us
                path_walk  1 us
                ns_read
                  cpu  800 ns
                  mntid_alloc  460 ns + 20 ns x nr_possible_cpus
                  mount_lock_write
                    cpu  100 ns
                cpu  900 ns
                repeat  x layers
                  path_walk  1 us
                  ns_read
                    cpu  800 ns
                    mntid_alloc  460 ns + 20 ns x nr_possible_cpus
                    mount_lock_write
                      cpu  100 ns
            """.ReplaceLineEndings(), output, StringComparison.Ordinal);
        Assert.Contains("    rcu_gp_expedited  25 us + 500 ns x other busy CPUs", output, StringComparison.Ordinal);
        Assert.Contains("  uncontended, 2 possible CPUs: 6.5 us + 1.136 us x mount-table lines", output, StringComparison.Ordinal);
        Assert.Contains("  source: locks: ../shared/reference/kernel-mount-locks.md 1.2, fs/overlayfs/params.c", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowReadsAFileByPath()
    {
        var file = Path.Combine(_scratch, "mine.yaml");
        File.WriteAllText(file, KernelProfileLibrary.Shipped.Text("linux-6.17").Replace("name: linux-6.17", "name: mine", StringComparison.Ordinal));

        var (code, output, _) = CliRunner.Run("kernel", "show", file);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("mine: Linux 6.17", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowListsTheRangeAndWhyOfEachUncertainFigure()
    {
        var (code, output, _) = CliRunner.Run("kernel", "show", "linux-6.18");
        var ranges = output[output.IndexOf("ranges (what each uncertain figure may be, and why):", StringComparison.Ordinal)..];

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("  parameters.rwsem_wakeup: 5 us in [1 us, 50 us]: ../shared/reference/kernel-mount-locks.md 3: a few us", ranges, StringComparison.Ordinal);
        Assert.Contains("  parameters.mountinfo_line_bytes: 160 in [100, 300]: ", ranges, StringComparison.Ordinal);
        Assert.Contains("  recipes.close_attached.steps[0].cpu: 300 ns in [100 ns, 1 us]: ", ranges, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenFileIsBadInputWithItsPosition()
    {
        var file = Path.Combine(_scratch, "broken.yaml");
        File.WriteAllText(file, KernelProfileLibrary.Shipped.Text("linux-6.17").Replace("      - rcu_gp_expedited          # namespace_unlock", "          - rcu_gp_expedited      # namespace_unlock", StringComparison.Ordinal));

        var (code, output, error) = CliRunner.Run("kernel", "show", file);

        Assert.Equal((ExitCodes.BadInput, string.Empty), (code, output));
        Assert.StartsWith($"mountsim: {file}:103:13: recipes.close_detached.steps[1].ns_write[1].rcu_gp_expedited: inside ns_write: the kernel releases namespace_sem before the grace period", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownNameIsBadInputWithASuggestion()
    {
        var (code, _, error) = CliRunner.Run("kernel", "show", "linux-617");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("mountsim: Unknown kernel profile 'linux-617'; did you mean 'linux-6.17'?", error, StringComparison.Ordinal);
    }
}
