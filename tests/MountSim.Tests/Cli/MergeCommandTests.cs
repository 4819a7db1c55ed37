using System.Text.Json;
using MountSim.Cli;
using MountSim.Reporting;
using MountSim.Tests.Support;

namespace MountSim.Tests.Cli;

/// <summary>
/// <c>mountsim run --shard</c> and <c>mountsim merge</c>: shards run as separate processes, given their index the way
/// Kubernetes and Slurm give it, merge to the same bytes as one unsharded run; shards that do not make one
/// experiment are refused before anything is written.
/// </summary>
public sealed class MergeCommandTests : IDisposable
{
    private const string Small = """
        name: small
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

    /// <summary>Every variable a scheduler sets that names a shard; none leaks from the test's own environment.</summary>
    private static readonly string[] SchedulerVariables =
        [ShardOption.KubernetesIndex, ShardOption.SlurmIndex, ShardOption.SlurmCount, "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_JOB_ID"];

    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-merge-").FullName;
    private readonly string _file;

    public MergeCommandTests()
    {
        _file = Path.Combine(_root, "small.yaml");
        File.WriteAllText(_file, Small);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("kubernetes")]
    [InlineData("slurm")]
    public async Task ThreeShardsRunAsTheSchedulerRunsThemMergeToTheUnshardedResults(string scheduler)
    {
        Assert.Equal(ExitCodes.Success, CliRunner.Run("run", _file, "--out", Path.Combine(_root, "whole"), "--quiet", "--jobs", "2").Code);
        var shards = Path.Combine(_root, "shards");

        // Three processes at once, each told its index only by the environment, as pods and array tasks are.
        var runs = Enumerable.Range(0, 3).Select(k => RunProcess(["run", _file, "--shard", "auto/3", "--out", shards, "--quiet", "--jobs", "1"], SchedulerEnvironment(scheduler, k))).ToList();
        foreach (var (code, output, error) in await Task.WhenAll(runs))
        {
            Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {output}; stderr: {error}");
            Assert.Matches(@"^4 of 12 runs of small \(shard [0-2]/3\) in ", output);
        }

        var (mergeCode, mergeOutput, mergeError) = CliRunner.Run(["merge", .. Enumerable.Range(0, 3).Select(k => Path.Combine(shards, $"small.shard-{k}-of-3")), "--out", Path.Combine(_root, "merged")]);

        Assert.Equal((ExitCodes.Success, string.Empty), (mergeCode, mergeError));
        Assert.StartsWith("3 shards, 12 runs of small, merged in ", mergeOutput, StringComparison.Ordinal);
        var whole = Path.Combine(_root, "whole", "small");
        var merged = Path.Combine(_root, "merged", "small");
        var files = Directory.GetFiles(whole, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(whole, f))
            .Where(f => f is not ResultsFolder.MetadataFile and not MountSim.Files.OwnedFolder.LockFile)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(ResultsFolder.ReportFile, files);
        Assert.Equal(8, files.Count(f => f.StartsWith(ResultsFolder.PlotsFolder, StringComparison.Ordinal)));
        Assert.Equal(files, Directory.GetFiles(merged, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(merged, f))
            .Where(f => f is not ResultsFolder.MetadataFile and not MountSim.Files.OwnedFolder.LockFile).Order(StringComparer.Ordinal));
        Assert.All(files, file => Assert.True(
            File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))),
            $"{file} differs between the unsharded run and the merge"));

        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, ResultsFolder.MetadataFile)));
        Assert.Equal(3, metadata.RootElement.GetProperty("merged_from").GetArrayLength());
        using var shardMetadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(shards, "small.shard-1-of-3", ResultsFolder.MetadataFile)));
        Assert.Equal("1/3", shardMetadata.RootElement.GetProperty("shard").GetString());
    }

    [Fact]
    public void AShardsFolderHoldsItsRunsMarkedAsItsShardAndNoReport()
    {
        var (code, output, error) = Shard(1);
        var folder = Path.Combine(_root, "shards", "small.shard-1-of-3");

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.StartsWith("4 of 12 runs of small (shard 1/3) in ", output, StringComparison.Ordinal);
        Assert.Equal(["00001.json", "00004.json", "00007.json", "00010.json"], Directory.GetFiles(Path.Combine(folder, "runs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(folder, ResultsFolder.ReportFile)));
        Assert.False(File.Exists(Path.Combine(folder, ResultsFolder.RunsTable)));
        var record = ShardRecord.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.ShardFile)));
        Assert.NotNull(record);
        Assert.Equal((1, 3, 12, MountSim.Files.OwnedFolder.IdentityOf(Small)), (record.Shard, record.Shards, record.RunCount, record.Identity));
    }

    [Fact]
    public void AMissingShardIsRefusedByNameAndNothingIsWritten()
    {
        Shard(0);
        Shard(2);

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("shard 1/3 of small is missing (runs 1, 4, 7, 10); run 'mountsim run ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Fact]
    public void AShardGivenTwiceIsRefused()
    {
        Shard(0);
        Shard(1);
        Shard(2);
        var copy = Path.Combine(_root, "shards", "copy-of-1");
        Directory.CreateDirectory(Path.Combine(copy, "runs"));
        foreach (var file in Directory.GetFiles(Path.Combine(_root, "shards", "small.shard-1-of-3"), "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(copy, Path.GetRelativePath(Path.Combine(_root, "shards", "small.shard-1-of-3"), file)));
        }

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "copy-of-1", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("shard 1/3 (runs 1, 4, 7, 10) is given 2 times: ", error, StringComparison.Ordinal);
        Assert.Contains("copy-of-1", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Fact]
    public void AShardOfAnotherExperimentIsRefused()
    {
        Shard(0);
        Shard(2);
        var other = Path.Combine(_root, "other.yaml");
        File.WriteAllText(other, Small.Replace("seed: 11", "seed: 12", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("run", other, "--shard", "1/3", "--out", Path.Combine(_root, "shards", "other"), "--quiet").Code);

        var (code, _, error) = Merge("small.shard-0-of-3", "other/small.shard-1-of-3", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("other/small.shard-1-of-3 is a shard of another experiment (small from ", error, StringComparison.Ordinal);
        Assert.Contains("shards of different files, or of two versions of one, never merge", error, StringComparison.Ordinal);
        Assert.Contains("shard 1/3 of small is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AShardOfAnotherSplitIsRefused()
    {
        Shard(0);
        Shard(2);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("run", _file, "--shard", "1/2", "--out", Path.Combine(_root, "shards"), "--quiet").Code);

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-2", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("small.shard-1-of-2 is shard 1/2 but ", error, StringComparison.Ordinal);
        Assert.Contains("the experiment was split two ways", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnfinishedShardOrALostRunIsRefused()
    {
        Shard(0);
        Shard(1);
        Shard(2);
        var manifest = Path.Combine(_root, "shards", "small.shard-1-of-3", MountSim.Files.OwnedFolder.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"finished\": true", "\"finished\": false", StringComparison.Ordinal));
        File.Delete(Path.Combine(_root, "shards", "small.shard-2-of-3", "runs", "00005.json"));

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("shard 1/3 of small is unfinished; run 'mountsim run ", error, StringComparison.Ordinal);

        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"finished\": false", "\"finished\": true", StringComparison.Ordinal));
        (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("00005.json: run 5 of shard 2/3 is missing or cannot be read back", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Fact]
    public void AWholeResultsFolderIsNotAShard()
    {
        CliRunner.Run("run", _file, "--out", Path.Combine(_root, "shards"), "--quiet");

        var (code, _, error) = Merge("small");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("small holds a whole experiment's results, not a shard of one", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFinishedMergeIsKeptUnlessForced()
    {
        Shard(0);
        Shard(1);
        Shard(2);
        Assert.Equal(ExitCodes.Success, Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3").Code);

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("holds finished experiment results; use --force", error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3", "--force").Code);
    }

    private (int Code, string Output, string Error) Shard(int index) =>
        CliRunner.Run("run", _file, "--shard", $"{index}/3", "--out", Path.Combine(_root, "shards"), "--quiet");

    private (int Code, string Output, string Error) Merge(params string[] shards) =>
        CliRunner.Run(["merge", .. shards.Select(s => s.StartsWith("--", StringComparison.Ordinal) ? s : Path.Combine(_root, "shards", s)), "--out", Path.Combine(_root, "merged")]);

    /// <summary>What each scheduler puts in the environment of shard <paramref name="index"/>'s process.</summary>
    private static Dictionary<string, string> SchedulerEnvironment(string scheduler, int index) => scheduler switch
    {
        "kubernetes" => new() { [ShardOption.KubernetesIndex] = $"{index}" },
        "slurm" => new()
        {
            ["SLURM_ARRAY_JOB_ID"] = "4242",
            ["SLURM_JOB_ID"] = $"{4243 + index}",
            [ShardOption.SlurmIndex] = $"{index}",
            [ShardOption.SlurmCount] = "3",
            ["SLURM_ARRAY_TASK_MIN"] = "0",
            ["SLURM_ARRAY_TASK_MAX"] = "2",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(scheduler), scheduler, "kubernetes or slurm"),
    };

    private static Task<(int Code, string Output, string Error)> RunProcess(string[] args, Dictionary<string, string> environment) =>
        CliProcess.RunAsync(args, TimeSpan.FromSeconds(120), environment, SchedulerVariables);
}
