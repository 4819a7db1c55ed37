using MountSim.Cli;
using MountSim.Reporting;

namespace MountSim.Tests.Cli;

/// <summary><c>mountsim sensitivity</c> end to end on tiny studies in a temporary folder.</summary>
public sealed class SensitivityCommandTests : IDisposable
{
    private const string Small = """
        name: small
        scenario:
          topology: aws-m7a.24xlarge
          runtime: runc-1.2
          layers: 4
          containers: 4
          sources:
            path_walks: {source: assumed, range: [5000, 80000], why: nobody counted, measure: count the lookups}
        sweep:
          grid:
            strategy: [per-layer, common-parent]
        outputs: [start_latency_mean_ms, path_walk_p99_us]
        vary:
          - runtime:phases.runc_create.steps[0]
          - kernel:parameters.ref_walk_factor
          - scenario:path_walks
        morris: {trajectories: 2}
        sobol: {keep: 2, base_samples: 8, bootstrap: 100}
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-sensitivity-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AStudyWritesItsFolderAndNamesTheFiguresThatMatter()
    {
        var (code, output, error) = Sensitivity(Write(Small), "--out", Path.Combine(_root, "out"));
        var folder = Path.Combine(_root, "out", "small");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("small: 94 simulations in", output, StringComparison.Ordinal);
        Assert.Contains("  start_latency_mean_ms: runtime:phases.runc_create.steps[0] (2/2)", output, StringComparison.Ordinal);
        Assert.Contains("one at a time and Morris screening: 30/30 simulations", error, StringComparison.Ordinal);
        foreach (var file in new[] { SensitivityFolder.StudyFile, SensitivityFolder.ResultsTable, SensitivityFolder.PointsTable, SensitivityFolder.MetadataFile, SensitivityFolder.ReportFile, "plots/c000-start_latency_mean_ms-morris.png", "plots/c001-path_walk_p99_us-tornado.svg" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} missing");
        }

        var report = File.ReadAllText(Path.Combine(folder, SensitivityFolder.ReportFile));
        Assert.Contains("## What was run", report, StringComparison.Ordinal);
        Assert.Contains("## Which unknowns carry the result", report, StringComparison.Ordinal);
        Assert.Contains("### What to measure", report, StringComparison.Ordinal);
        Assert.Contains("Pin it down: mountsim calibrate-host --runtime runc", report, StringComparison.Ordinal);
        Assert.Contains("## Ranking: strategy common-parent", report, StringComparison.Ordinal);
        Assert.Contains("| 1 | `runtime:phases.runc_create.steps[0]` | [20 ms, 80 ms] |", report, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.MachineName, report, StringComparison.Ordinal);
        var table = File.ReadAllLines(Path.Combine(folder, SensitivityFolder.ResultsTable));
        Assert.Equal(1 + (2 * 2 * 3), table.Length);
        Assert.StartsWith("configuration,strategy,output,figure,nominal,low,high,log_scale,mu,mu_star", table[0], StringComparison.Ordinal);
        var points = File.ReadAllLines(Path.Combine(folder, SensitivityFolder.PointsTable));
        Assert.Equal(1 + 94, points.Length);
        Assert.StartsWith("configuration,strategy,phase,index,runtime:phases.runc_create.steps[0],kernel:parameters.ref_walk_factor,scenario:path_walks,start_latency_mean_ms", points[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheResultsAreTheSameBytesWhateverTheJobs()
    {
        var file = Write(Small);

        Assert.Equal(ExitCodes.Success, Sensitivity(file, "--out", Path.Combine(_root, "one"), "--jobs", "1", "--quiet").Code);
        Assert.Equal(ExitCodes.Success, Sensitivity(file, "--out", Path.Combine(_root, "two"), "--jobs", "2", "--quiet").Code);

        foreach (var table in new[] { SensitivityFolder.ResultsTable, SensitivityFolder.PointsTable, SensitivityFolder.ReportFile, "plots/c000-start_latency_mean_ms-morris.svg" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "one", "small", table)), File.ReadAllBytes(Path.Combine(_root, "two", "small", table)));
        }
    }

    [Fact]
    public void AnInterruptedStudyResumesWithTheSimulationsItSaved()
    {
        var file = Write(Small);
        Assert.Equal(ExitCodes.Success, Sensitivity(file, "--out", _root, "--quiet").Code);
        var folder = Path.Combine(_root, "small");
        var results = File.ReadAllBytes(Path.Combine(folder, SensitivityFolder.ResultsTable));
        var points = File.ReadAllBytes(Path.Combine(folder, SensitivityFolder.PointsTable));

        // What an interruption leaves: a manifest not marked finished, the last simulations missing, one cut short.
        var manifest = Path.Combine(folder, MountSim.Files.OwnedFolder.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"finished\": true", "\"finished\": false", StringComparison.Ordinal));
        var runs = Directory.GetFiles(Path.Combine(folder, "runs")).Order(StringComparer.Ordinal).ToList();
        File.Delete(runs[^1]);
        File.WriteAllText(runs[0], "{\"Key\":");

        var (code, _, error) = Sensitivity(file, "--out", _root, "--quiet");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(results, File.ReadAllBytes(Path.Combine(folder, SensitivityFolder.ResultsTable)));
        Assert.Equal(points, File.ReadAllBytes(Path.Combine(folder, SensitivityFolder.PointsTable)));
        Assert.Contains($"\"runs_resumed\": {runs.Count - 2}", File.ReadAllText(Path.Combine(folder, SensitivityFolder.MetadataFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void AFinishedFolderIsKeptUnlessForced()
    {
        var file = Write(Small);
        Assert.Equal(ExitCodes.Success, Sensitivity(file, "--out", _root, "--quiet").Code);

        var (refused, _, error) = Sensitivity(file, "--out", _root, "--quiet");

        Assert.Equal(ExitCodes.BadInput, refused);
        Assert.Contains("holds finished sensitivity results; use --force", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, Sensitivity(file, "--out", _root, "--quiet", "--force").Code);
    }

    [Fact]
    public void ABrokenStudyExitsTwoNamingTheLineBeforeWritingAnything()
    {
        var file = Write(Small.Replace("  - scenario:path_walks", "  - scenario:path_walk", StringComparison.Ordinal));

        var (code, _, error) = Sensitivity(file, "--out", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("small.yaml:16:5: vary[2]: strategy per-layer has no uncertain figure 'scenario:path_walk'; did you mean 'scenario:path_walks'?", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    private static (int Code, string Output, string Error) Sensitivity(string file, params string[] arguments) => CliRunner.Run(["sensitivity", file, .. arguments]);

    private string Write(string text)
    {
        var file = Path.Combine(_root, "small.yaml");
        File.WriteAllText(file, text);
        return file;
    }
}
