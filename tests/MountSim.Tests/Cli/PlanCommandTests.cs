using System.Text.Json;
using MountSim.Cli;
using MountSim.Reporting;
using MountSim.Tests.Experiments;

namespace MountSim.Tests.Cli;

/// <summary><c>mountsim plan</c> end to end on small plans in a temporary folder.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private const string Small = """
        name: small
        scenario: {topology: aws-m7a.24xlarge, runtime: none, layers: 8}
        candidates:
          grid:
            strategy: [per-layer, common-parent]
        objective: [start_latency_mean_ms <= 20, failed_starts == 0]
        burst: {from: 4, max: 64, resolution: 0.1}
        replications: {min: 2, max: 4}
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-plan-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void APlanWritesItsFolderAndAnswersInPlainWords()
    {
        var (code, output, error) = Plan(Write(Small), "--out", Path.Combine(_root, "out"));
        var folder = Path.Combine(_root, "out", "small");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Takes the most (burst): common-parent", output, StringComparison.Ordinal);
        Assert.Contains("per-layer takes", output, StringComparison.Ordinal);
        foreach (var file in new[] { PlanFolder.PlanFile, PlanFolder.PlanTable, PlanFolder.ProbesTable, PlanFolder.ReportFile, "plots/burst-boundary.png", "plots/burst-boundary.svg", "plots/burst-start_latency_mean_ms.png", "plots/burst-failed_starts.svg" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} missing");
        }

        var report = File.ReadAllText(Path.Combine(folder, PlanFolder.ReportFile));
        Assert.Contains("## Answer", report, StringComparison.Ordinal);
        Assert.Contains("## Ranking: largest burst", report, StringComparison.Ordinal);
        Assert.Contains("| 1 | common-parent |", report, StringComparison.Ordinal);
        Assert.Contains("![", report, StringComparison.Ordinal);
        var table = File.ReadAllLines(Path.Combine(folder, PlanFolder.PlanTable));
        Assert.Equal(3, table.Length);
        Assert.StartsWith("candidate,strategy,search,unit,boundary,breaks_at,binding_term", table[0], StringComparison.Ordinal);
        Assert.Contains("5.56416", table[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheAnswerIsTheSameBytesWhateverTheJobs()
    {
        var file = Write(Small);

        Assert.Equal(ExitCodes.Success, Plan(file, "--out", Path.Combine(_root, "one"), "--jobs", "1", "--quiet").Code);
        Assert.Equal(ExitCodes.Success, Plan(file, "--out", Path.Combine(_root, "two"), "--jobs", "2", "--quiet").Code);

        foreach (var table in new[] { PlanFolder.PlanTable, PlanFolder.ProbesTable })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "one", "small", table)), File.ReadAllBytes(Path.Combine(_root, "two", "small", table)));
        }
    }

    [Fact]
    public void AnInterruptedPlanResumesWithTheSimulationsItSaved()
    {
        var file = Write(Small);
        Assert.Equal(ExitCodes.Success, Plan(file, "--out", _root, "--quiet").Code);
        var folder = Path.Combine(_root, "small");
        var probes = File.ReadAllBytes(Path.Combine(folder, PlanFolder.ProbesTable));

        // What an interruption leaves: a manifest not marked finished, the last simulations missing.
        var manifest = Path.Combine(folder, MountSim.Files.OwnedFolder.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"finished\": true", "\"finished\": false", StringComparison.Ordinal));
        var runs = Directory.GetFiles(Path.Combine(folder, "runs")).Order(StringComparer.Ordinal).ToList();
        File.Delete(runs[^1]);
        File.WriteAllText(runs[0], "{\"Key\":");

        var (code, _, error) = Plan(file, "--out", _root, "--quiet");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(probes, File.ReadAllBytes(Path.Combine(folder, PlanFolder.ProbesTable)));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, PlanFolder.MetadataFile)));
        Assert.Equal((runs.Count - 2, 2), (metadata.RootElement.GetProperty("simulations_resumed").GetInt32(), metadata.RootElement.GetProperty("simulations_run").GetInt32()));
    }

    [Fact]
    public void AFinishedFolderIsKeptUnlessForced()
    {
        var file = Write(Small);
        Assert.Equal(ExitCodes.Success, Plan(file, "--out", _root, "--quiet").Code);

        var (refused, _, error) = Plan(file, "--out", _root, "--quiet");

        Assert.Equal(ExitCodes.BadInput, refused);
        Assert.Contains("holds finished plan results; use --force", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, Plan(file, "--out", _root, "--quiet", "--force").Code);
    }

    [Fact]
    public void ABrokenPlanExitsTwoNamingTheLineBeforeWritingAnything()
    {
        var file = Write(Small.Replace("start_latency_mean_ms <= 20", "start_latency_mean <= 20", StringComparison.Ordinal));

        var (code, _, error) = Plan(file, "--out", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("small.yaml:6:13: objective[0]: unknown metric 'start_latency_mean'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public void TheShippedPlanRunsEndToEndOnASmallRange()
    {
        var shipped = File.ReadAllText(Path.Combine(ShippedExperiments.Folder, "plans", "incident.yaml"));
        var small = shipped
            .Replace("burst: {from: 32, max: 2048, resolution: 0.1}", "burst: {from: 2, max: 4, resolution: 0.5}", StringComparison.Ordinal)
            .Replace("replications: {min: 3, max: 6}", "replications: {min: 2, max: 2}", StringComparison.Ordinal);
        Assert.NotEqual(shipped, small);

        var (code, output, error) = Plan(Write(small), "--out", _root, "--quiet");
        var report = File.ReadAllText(Path.Combine(_root, "incident-capacity", PlanFolder.ReportFile));

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Takes the most (burst)", output, StringComparison.Ordinal);
        Assert.Contains("Cheapest per start within the objective", report, StringComparison.Ordinal);
        Assert.Contains("On aws-r5.metal, on: per-layer takes", report, StringComparison.Ordinal);
        Assert.Equal(12, File.ReadAllLines(Path.Combine(_root, "incident-capacity", PlanFolder.PlanTable)).Length - 1);
        Assert.True(File.Exists(Path.Combine(_root, "incident-capacity", "plots", "burst-start_latency_p99_ms.png")));
    }

    [Fact]
    public void BenchPlanTimesOneCandidateAndWritesNothing()
    {
        var file = Write(Small);

        var (code, output, error) = CliRunner.Run("bench", "plan", file, "--candidate", "1", "--jobs", "1");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("strategy common-parent", output, StringComparison.Ordinal);
        Assert.DoesNotContain("strategy per-layer", output, StringComparison.Ordinal);
        Assert.Contains("small: 1 searches,", output, StringComparison.Ordinal);
        Assert.Equal([file], Directory.GetFileSystemEntries(_root));
        Assert.Equal(ExitCodes.BadInput, CliRunner.Run("bench", "plan", file, "--candidate", "2").Code);
    }

    private static (int Code, string Output, string Error) Plan(string file, params string[] arguments) => CliRunner.Run(["plan", file, .. arguments]);

    private string Write(string text)
    {
        var file = Path.Combine(_root, "small.yaml");
        File.WriteAllText(file, text);
        return file;
    }
}
