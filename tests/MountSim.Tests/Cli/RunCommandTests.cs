using System.Text.Json;
using MountSim.Cli;
using MountSim.Reporting;
using MountSim.Tests.Experiments;

namespace MountSim.Tests.Cli;

/// <summary><c>mountsim run</c> end to end on a small experiment in a temporary folder.</summary>
public sealed class RunCommandTests : IDisposable
{
    private const string Small = """
        name: small
        description: two strategies, three burst sizes, two replications
        seed: 11
        replications: 2
        scenario:
          topology: aws-r5.metal
          layers: 3
          health_probes: 0
        sweep:
          grid:
            strategy: [per-layer, common-parent]
            containers: [2, 4, 8]
        metrics: [start_latency_mean_ms, failed_starts, cpu_work]
        plots:
          - line: {x: containers, y: start_latency_mean_ms, series: strategy}
          - cdf: {series: strategy, where: {containers: 8}}
          - cpu_time: {x: strategy, where: {containers: 8}}
          - heatmap: {x: containers, y: strategy, metric: start_latency_mean_ms}
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ARunWritesTheWholeResultsFolder()
    {
        var (code, output, error) = Run("--jobs", "2");
        var folder = Path.Combine(_root, "out", "small");

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.Contains("[12/12]", output, StringComparison.Ordinal);
        Assert.Equal(Small, File.ReadAllText(Path.Combine(folder, ResultsFolder.ExperimentFile)));

        var runs = File.ReadAllLines(Path.Combine(folder, ResultsFolder.RunsTable));
        Assert.Equal("run,configuration,replication,strategy,containers,metric,value", runs[0]);
        // The three metrics listed, and the CPU time plot's four shares (cpu_work is listed already).
        Assert.Equal(1 + (12 * 6), runs.Length);
        Assert.StartsWith("0,0,0,per-layer,2,start_latency_mean_ms,", runs[1], StringComparison.Ordinal);

        var summary = File.ReadAllLines(Path.Combine(folder, ResultsFolder.SummaryTable));
        Assert.Equal("configuration,strategy,containers,metric,unit,n,mean,sd,ci95_low,ci95_high,p5,p50,p95", summary[0]);
        Assert.Equal(1 + (6 * 6), summary.Length);

        // Line, CDF, CPU time and heatmap: one chart each, as PNG and SVG, all in the report.
        var plots = Directory.GetFiles(Path.Combine(folder, ResultsFolder.PlotsFolder));
        Assert.Equal(8, plots.Length);
        var report = File.ReadAllText(Path.Combine(folder, ResultsFolder.ReportFile));
        Assert.Equal(4, report.Split("![").Length - 1);
        Assert.Contains("| strategy | containers | mean container start latency (ms) |", report, StringComparison.Ordinal);

        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.MetadataFile)));
        Assert.Equal(12, metadata.RootElement.GetProperty("runs").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, metadata.RootElement.GetProperty("finished").ValueKind);
    }

    [Fact]
    public void AShippedExperimentRunsEndToEnd()
    {
        var (code, output, error) = CliRunner.Run("run", Path.Combine(ShippedExperiments.Folder, "layers.yaml"), "--out", _root, "--quiet");
        var folder = Path.Combine(_root, "layers");

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.StartsWith("32 runs of layers in ", output, StringComparison.Ordinal);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(folder, ResultsFolder.PlotsFolder)).Length);
        var summary = File.ReadAllLines(Path.Combine(folder, ResultsFolder.SummaryTable));
        var perLayer128 = summary.Single(l => l.StartsWith("7,per-layer,128,start_latency_mean_ms,", StringComparison.Ordinal));
        var commonParent128 = summary.Single(l => l.StartsWith("15,common-parent,128,start_latency_mean_ms,", StringComparison.Ordinal));
        Assert.True(Mean(perLayer128) > 5 * Mean(commonParent128), $"{perLayer128} / {commonParent128}");
    }

    [Fact]
    public void TheResultsAreTheSameBytesWhateverTheJobs()
    {
        Run("--jobs", "1", "--quiet", "--out", Path.Combine(_root, "one"));
        Run("--jobs", "2", "--quiet", "--out", Path.Combine(_root, "two"));

        foreach (var table in new[] { ResultsFolder.RunsTable, ResultsFolder.SummaryTable })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "one", "small", table)), File.ReadAllBytes(Path.Combine(_root, "two", "small", table)));
        }
    }

    [Fact]
    public void AFinishedFolderIsKeptUnlessForced()
    {
        Assert.Equal(ExitCodes.Success, Run("--quiet", "--force").Code);

        var (code, _, error) = Run("--quiet");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("holds finished results (report.md); use --force", error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, Run("--quiet", "--force").Code);
    }

    [Fact]
    public void AnInterruptedExperimentResumesWithTheRunsItFinished()
    {
        Run("--quiet");
        var folder = Path.Combine(_root, "out", "small");
        var before = File.ReadAllBytes(Path.Combine(folder, ResultsFolder.RunsTable));

        // What an interruption leaves: no report, some runs missing.
        File.Delete(Path.Combine(folder, ResultsFolder.ReportFile));
        foreach (var run in new[] { "00003.json", "00007.json", "00011.json" })
        {
            File.Delete(Path.Combine(folder, "runs", run));
        }

        var (code, output, _) = Run();

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("[10/12]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[9/12]", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, ResultsFolder.RunsTable)));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.MetadataFile)));
        Assert.Equal(9, metadata.RootElement.GetProperty("runs_resumed").GetInt32());
    }

    [Fact]
    public void ADryRunListsTheConfigurationsAndWritesNothing()
    {
        var (code, output, _) = Run("--dry-run");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("small: 6 configurations x 2 replications = 12 runs (seed 11)", output, StringComparison.Ordinal);
        Assert.Contains("  5  common-parent  8", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public void ABrokenExperimentExitsTwoBeforeWritingAnything()
    {
        var file = Path.Combine(_root, "broken.yaml");
        File.WriteAllText(file, Small.Replace("containers: [2, 4, 8]", "containers: []", StringComparison.Ordinal));

        var (code, _, error) = CliRunner.Run("run", file, "--out", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("broken.yaml:12:17: sweep.grid.containers: an empty sweep", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public void AFolderOfAnotherExperimentIsRefused()
    {
        Run("--quiet");
        var folder = Path.Combine(_root, "out", "small");
        File.Delete(Path.Combine(folder, ResultsFolder.ReportFile));
        File.WriteAllText(Path.Combine(_root, "small.yaml"), Small.Replace("seed: 11", "seed: 12", StringComparison.Ordinal));

        var (code, _, error) = CliRunner.Run("run", Path.Combine(_root, "small.yaml"), "--out", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("unfinished runs of a different version of small.yaml", error, StringComparison.Ordinal);
    }

    private static double Mean(string summaryLine) => double.Parse(summaryLine.Split(',')[6], System.Globalization.CultureInfo.InvariantCulture);

    private (int Code, string Output, string Error) Run(params string[] options)
    {
        var file = Path.Combine(_root, "small.yaml");
        File.WriteAllText(file, Small);
        string[] args = ["run", file, .. options];
        return CliRunner.Run(options.Contains("--out") ? args : [.. args, "--out", Path.Combine(_root, "out")]);
    }
}
