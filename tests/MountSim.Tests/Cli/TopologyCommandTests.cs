using System.Text.Json;
using MountSim.Cli;
using MountSim.Hardware.Yaml;
using MountSim.Tests.Hardware;

namespace MountSim.Tests.Cli;

/// <summary><c>mountsim topology list|show|detect</c> through the whole command line.</summary>
public sealed class TopologyCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-topology-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void ListShowsOneLinePerShippedTopology()
    {
        var (code, output, error) = Run("topology", "list");

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ShippedTopologies.Library.Names.Count, lines.Length);
        var r5 = Assert.Single(lines, l => l.StartsWith("aws-r5.metal ", StringComparison.Ordinal));
        Assert.Contains("Cascade Lake", r5, StringComparison.Ordinal);
        Assert.Contains("2 x 24 x 2   96 threads  LLC 1 per socket (24 cores)", r5, StringComparison.Ordinal);
        Assert.EndsWith("$6.048/h", r5, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("aws-m7a.24xlarge", StringComparison.Ordinal) && l.Contains("LLC 12 per socket x 8 cores ", StringComparison.Ordinal) && l.EndsWith(" $5.56416/h", StringComparison.Ordinal));
    }

    [Fact]
    public void ShowPrintsTheCompressedTreeAndTheLatencyTable()
    {
        var (code, output, _) = Run("topology", "show", "aws-c6a.metal");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("socket 1  NUMA 1  cpus 48-95,144-191", output, StringComparison.Ordinal);
        Assert.Contains("  LLC 11  8 cores x 2 threads  cpus 88-95,184-191  (siblings n, n+96)", output, StringComparison.Ordinal);
        Assert.Contains("same_socket         107.6     15360", output, StringComparison.Ordinal);
        Assert.Contains("smt_slowdown 1.25 [calibrate]", output, StringComparison.Ordinal);
        Assert.Contains("latency.cross_socket: same CSV, 197.2 ns (187-204)", output, StringComparison.Ordinal);
        Assert.Contains("  price: $7.344/h on demand", output, StringComparison.Ordinal);
        Assert.Contains("  price_per_hour: AWS on-demand, Linux, us-east-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowListsTheRangeAndWhyOfEachUncertainFigure()
    {
        var (code, output, _) = Run("topology", "show", "aws-m7a.24xlarge");
        var (_, json, _) = Run("topology", "show", "aws-m7a.24xlarge", "--json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("""

            ranges (what each uncertain figure may be, and why):
              latency.same_llc: 23 ns in [18 ns, 30 ns]: the 9274F matrix shows 22-24 ns within a CCD; the 9R14 is the same Zen 4 CCD
            """, output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  nr_possible_cpus: 96 in [96, 192]: ", output, StringComparison.Ordinal);
        Assert.Contains("    measure: cat /sys/devices/system/cpu/possible on the host", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var range = document.RootElement.GetProperty("ranges").GetProperty("latency.same_socket");
        Assert.Equal((100, 85, 130), (range.GetProperty("value").GetDouble(), range.GetProperty("low").GetDouble(), range.GetProperty("high").GetDouble()));
        Assert.StartsWith("mountsim harness c2c", range.GetProperty("measure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowJsonGivesTheTreeAndLatenciesToTools()
    {
        var (code, output, _) = Run("topology", "show", "aws-m7a.24xlarge", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("aws-m7a.24xlarge", root.GetProperty("name").GetString());
        Assert.Equal(12, root.GetProperty("sockets")[0].GetProperty("llc_domains").GetArrayLength());
        Assert.Equal(8, root.GetProperty("sockets")[0].GetProperty("llc_domains")[11].GetProperty("cores").GetArrayLength());
        Assert.Equal(23, root.GetProperty("latency_ns").GetProperty("same_llc").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("latency_ns").GetProperty("smt_sibling").ValueKind);
        Assert.Equal("distributed", root.GetProperty("coherence").GetProperty("arbitration").GetString());
    }

    [Fact]
    public void ShowAppliesVariantOverrides()
    {
        var (code, output, _) = Run("topology", "show", "aws-r5.metal", "--smt", "off", "--sockets", "1");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("aws-r5.metal+smt-off+sockets-1:", output, StringComparison.Ordinal);
        Assert.Contains("1 x 24 x 1 = 24 hardware threads", output, StringComparison.Ordinal);
        Assert.Contains("  price: not given", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowReadsAFileByPath()
    {
        var file = Path.Combine(_scratch, "copy.yaml");
        File.Copy(ShippedTopologies.Library.PathOf("aws-c7g.16xlarge"), file);

        var (code, output, _) = Run("topology", "show", file);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("LLC 0  64 cores x 1 thread  cpus 0-63", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenFileIsBadInputWithItsPosition()
    {
        var file = Path.Combine(_scratch, "broken.yaml");
        File.WriteAllText(file, File.ReadAllText(ShippedTopologies.Library.PathOf("aws-r5.metal")).Replace("  same_llc:", "  same_lcc:", StringComparison.Ordinal));

        var (code, output, error) = Run("topology", "show", file);

        Assert.Equal((ExitCodes.BadInput, string.Empty), (code, output));
        Assert.StartsWith($"mountsim: {file}:14:3: latency.same_lcc: unknown key 'same_lcc'; did you mean 'same_llc'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownNameIsBadInputWithASuggestion()
    {
        var (code, _, error) = Run("topology", "show", "aws-c6a-metal");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("did you mean 'aws-c6a.metal'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectPrintsAFileThatReadsBack()
    {
        var (code, output, _) = Run("topology", "detect", "--sysfs-root", SysfsTopologyDetectorTests.Fixture("intel-2s-4c-ht"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("# Written by 'mountsim topology detect'", output, StringComparison.Ordinal);
        var t = TopologyYamlReader.Parse(output, "detected.yaml");
        Assert.Equal((2, 16), (t.Sockets.Count, t.Threads.Count));
        Assert.True(t.NeedsCalibration("latency.cross_socket"));
    }

    [Fact]
    public void DetectNeverOverwritesWithoutForce()
    {
        var file = Path.Combine(_scratch, "host.yaml");
        File.WriteAllText(file, "keep me");
        var root = SysfsTopologyDetectorTests.Fixture("amd-1s-2ccx-smt");

        var (refused, _, error) = Run("topology", "detect", "--out", file, "--sysfs-root", root);

        Assert.Equal(ExitCodes.BadInput, refused);
        Assert.Contains("exists; not overwriting it without --force", error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(file));

        var (forced, output, _) = Run("topology", "detect", "--out", file, "--sysfs-root", root, "--force");

        Assert.Equal(ExitCodes.Success, forced);
        Assert.Contains("1 x 16 x 2 (32 usable CPUs), LLC 2 per socket x 8 cores", output, StringComparison.Ordinal);
        Assert.Equal(2, TopologyYamlReader.Load(file).LlcDomains.Count);
    }

    [Fact]
    public void DetectWithAMissingRootIsBadInput()
    {
        var (code, _, error) = Run("topology", "detect", "--sysfs-root", Path.Combine(_scratch, "absent"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = MountSimCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
