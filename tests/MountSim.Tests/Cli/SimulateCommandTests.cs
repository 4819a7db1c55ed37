using System.Text.Json.Nodes;
using MountSim.Cli;

namespace MountSim.Tests.Cli;

public sealed class SimulateCommandTests
{
    [Fact]
    public void JsonHasTheDocumentedFieldsAndTheIncidentsOperationCount()
    {
        var (exitCode, output, _) = Run("simulate", "--topology", "aws-r5.metal", "--containers", "10", "--layers", "50", "--strategy", "per-layer", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(10, json["containers"]!["started"]!.GetValue<int>() + json["containers"]!["failed"]!.GetValue<int>());

        // The incident's 2 x (1 + 2L) per start and nothing more: runc 1.2 seals its binary in a detached overlay, outside the host's table.
        Assert.Equal(10 * 2 * (1 + (2 * 50)), json["mount_table_ops"]!.GetValue<long>());
        Assert.Equal("containerd-2.0", json["runtime"]!.GetValue<string>());
        Assert.Equal(["containerd_create", "shim_start", "runc_create", "runc_start"], json["runtime_phase_ms"]!.AsObject().Select(p => p.Key));
        Assert.True(json["runtime_phase_ms"]!["runc_create"]!["p50"]!.GetValue<double>() > 40);
        foreach (var q in new[] { "p50", "p90", "p99", "max", "mean" })
        {
            Assert.True(json["start_latency_ms"]![q]!.GetValue<double>() > 0, q);
        }

        Assert.Equal(10 * 2 * 50, json["syscalls"]!["open_tree_clone"]!.GetValue<long>());
        foreach (var lockName in new[] { "mount_lock", "namespace_sem" })
        {
            var l = json["locks"]![lockName]!;
            Assert.True(l["acquisitions"]!.GetValue<long>() > 0);
            Assert.NotNull(l["wait_ms"]!["mean"]);
            Assert.NotNull(l["wait_ms"]!["p99"]);
            Assert.NotNull(l["hold_us"]!["mean"]);
            Assert.InRange(l["utilization"]!.GetValue<double>(), 0, 1);
        }

        Assert.NotNull(json["locks"]!["mount_lock"]!["handoffs_by_distance"]!["smt_sibling"]);
        Assert.True(json["locks"]!["namespace_sem"]!["optimistic_spin_ms"]!.GetValue<double>() >= 0);
        Assert.True(json["locks"]!["namespace_sem"]!["sleeps"]!.GetValue<long>() >= 0);
        var fractions = json["cpu_time_fraction"]!.AsObject();
        Assert.Equal(["work", "spin_mount_lock", "spin_namespace_sem", "sleep", "idle"], fractions.Select(f => f.Key));
        Assert.Equal(1, fractions.Where(f => f.Key != "sleep").Sum(f => f.Value!.GetValue<double>()), 6);
        Assert.True(json["path_walk_latency_us"]!["p999"]!.GetValue<double>() >= json["path_walk_latency_us"]!["p50"]!.GetValue<double>());
        Assert.True(json["events"]!.GetValue<long>() > 0);
        Assert.True(json["simulated_seconds"]!.GetValue<double>() > 0);
    }

    [Fact]
    public void WithoutARuntimeAStartIsTheIncidentsMountsAlone()
    {
        var (exitCode, output, _) = Run("simulate", "--topology", "aws-r5.metal", "--containers", "10", "--layers", "50", "--strategy", "per-layer", "--runtime", "none", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(10 * 2 * (1 + (2 * 50)), json["mount_table_ops"]!.GetValue<long>());
        Assert.Empty(json["runtime_phase_ms"]!.AsObject());
    }

    [Fact]
    public void TheSummaryNamesTheRun()
    {
        var (exitCode, output, _) = Run("simulate", "--topology", "aws-m7a.24xlarge", "--containers", "3", "--layers", "4", "--strategy", "common-parent");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("3 containers x 4 layers, strategy common-parent, runtime containerd-2.0, on aws-m7a.24xlarge", output, StringComparison.Ordinal);
        Assert.Contains("start latency", output, StringComparison.Ordinal);
        Assert.Contains("  runc_create     p50 ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--topology", "aws-r5.metl", "aws-r5.metal")]
    [InlineData("--strategy", "per-layr", "per-layer")]
    [InlineData("--kernel", "linux-6.7", "linux-6.17")]
    public void AnUnknownNameIsBadInputWithASuggestion(string option, string value, string suggestion)
    {
        var args = new List<string> { "simulate", "--topology", "aws-r5.metal", "--containers", "2", "--layers", "2" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exitCode, output, error) = Run([.. args]);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(suggestion, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void TheSimulateBenchmarkReportsSpeedAndMemory()
    {
        var (exitCode, output, _) = Run("bench", "simulate", "--containers", "5", "--layers", "3", "--repeat", "1", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.True(json["events"]!.GetValue<long>() > 0);
        Assert.True(json["events_per_second"]!.GetValue<double>() > 0);
        Assert.True(json["peak_working_set_mb"]!.GetValue<double>() > 0);
        Assert.True(json["allocated_bytes_per_event"]!.GetValue<double>() >= 0);
    }

    [Theory]
    [InlineData("--concurrency", "0", "concurrency: 0; expected 1 to 1,000,000 starts in flight")]
    [InlineData("--path-walks", "-5", "path walks: -5 per second per CPU; expected 0 to 1,000,000,000")]
    [InlineData("--path-walks", "1e300", "path walks: 1E+300 per second per CPU; expected 0 to 1,000,000,000")]
    [InlineData("--watchers", "-1", "watchers: -1; expected 0 to 10,000")]
    [InlineData("--host-threads", "2000000000", "host threads: 2000000000; expected 0 to 4,194,304")]
    [InlineData("--placement", "cpus:999", "placement: cpus:999: CPU 999 is not in topology 'aws-r5.metal' (CPUs 0-95).")]
    [InlineData("--layers", "0", "layers: 0 has mean 0; expected at least 1 layer per image")]
    [InlineData("--layers", "gamma:2", "'gamma:2' is not a distribution")]
    [InlineData("--layers", "1000000000", "layers: 1000000000 has mean 1000000000; an overlay takes at most 500 lower layers (OVL_MAX_STACK)")]
    [InlineData("--arrivals", "poisson:0", "Arrival pattern 'poisson:0': expected a rate > 0")]
    public void AnImpossibleScenarioIsBadInputBeforeAnythingRuns(string option, string value, string message)
    {
        var (exitCode, output, error) = Run("simulate", "--topology", "aws-r5.metal", "--containers", "3", option, value);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void MoreContainersThanAnyHostStartsIsBadInput()
    {
        var (exitCode, output, error) = Run("simulate", "--topology", "aws-r5.metal", "--containers", "2000000000");

        Assert.Equal((ExitCodes.BadInput, string.Empty), (exitCode, output));
        Assert.Contains("containers: 2000000000; expected 1 to 1,000,000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroContainersIsBadInput()
    {
        var (exitCode, _, error) = Run("simulate", "--topology", "aws-r5.metal", "--containers", "0");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--containers", error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = MountSimCli.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
