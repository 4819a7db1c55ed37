using System.Text.Json;
using MountSim.Cli;
using MountSim.Files;
using MountSim.Reporting;
using MountSim.Tests.Support;

namespace MountSim.Tests.Cli;

/// <summary>
/// <c>mountsim run --shard</c>, <c>mountsim plan --shard</c> and <c>mountsim merge</c>: shards run as separate
/// processes, given their index the way Kubernetes and Slurm give it, merge to the same bytes as one unsharded run
/// (a plan's without simulating anything again); shards that do not make one experiment, or one plan, are refused
/// before anything is written, each refusal tested with the shards of both.
/// </summary>
public sealed class MergeCommandTests : IDisposable
{
    /// <summary>The small experiment of <c>run</c>'s own tests: two strategies, three burst sizes, two replications.</summary>
    private const string Small = RunCommandTests.Small;

    /// <summary>
    /// Four candidates, so three shards hold two, one and one; each search halves from 64 containers, where runs stop
    /// early once a start is past 33 ms, and some of those are run again to their end before a probe is decided.
    /// </summary>
    private const string SmallPlan = """
        name: small
        scenario: {topology: aws-m7a.24xlarge, runtime: none}
        candidates:
          grid:
            strategy: [per-layer, common-parent]
            layers: [4, 8]
        objective: [start_latency_max_ms <= 33, failed_starts == 0]
        burst: {from: 64, max: 64, resolution: 0.1}
        replications: {min: 2, max: 4}
        """;

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
        var runs = Enumerable.Range(0, 3).Select(k => SchedulerShards.RunAsync(["run", _file, "--shard", "auto/3", "--out", shards, "--quiet", "--jobs", "1"], scheduler, k, 3)).ToList();
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
        var files = ResultsFolders.AssertSameBytes(whole, merged, ResultsFolder.MetadataFile);
        Assert.Contains(ResultsFolder.ReportFile, files);
        Assert.Equal(8, files.Count(f => f.StartsWith(ResultsFolder.PlotsFolder, StringComparison.Ordinal)));

        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, ResultsFolder.MetadataFile)));
        Assert.Equal(3, metadata.RootElement.GetProperty("merged_from").GetArrayLength());
        using var shardMetadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(shards, "small.shard-1-of-3", ResultsFolder.MetadataFile)));
        Assert.Equal("1/3", shardMetadata.RootElement.GetProperty("shard").GetString());
    }

    [Fact]
    public void AShardsFolderHoldsItsRunsMarkedAsItsShardAndNoReport()
    {
        var (code, output, error) = Shard(Use(ShardRecord.ExperimentKind), 1);
        var folder = Path.Combine(_root, "shards", "small.shard-1-of-3");

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.StartsWith("4 of 12 runs of small (shard 1/3) in ", output, StringComparison.Ordinal);
        Assert.Equal(["00001.json", "00004.json", "00007.json", "00010.json"], Directory.GetFiles(Path.Combine(folder, "runs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(folder, ResultsFolder.ReportFile)));
        Assert.False(File.Exists(Path.Combine(folder, ResultsFolder.RunsTable)));
        var record = ShardRecord.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.ShardFile)));
        Assert.NotNull(record);
        Assert.Equal((ShardRecord.ExperimentKind, 1, 3, 12, OwnedFolder.IdentityOf(Small)), (record.Kind, record.Shard, record.Shards, record.Count, record.Identity));
    }

    [Theory]
    [InlineData("kubernetes")]
    [InlineData("slurm")]
    public async Task ThreeShardsRunAsTheSchedulerRunsThemMergeToTheUnshardedPlan(string scheduler)
    {
        Use(ShardRecord.PlanKind);
        var (wholeCode, wholeOutput, wholeError) = CliRunner.Run("plan", _file, "--out", Path.Combine(_root, "whole"), "--quiet", "--jobs", "2");
        Assert.True(wholeCode == ExitCodes.Success, wholeError);
        var shards = Path.Combine(_root, "shards");

        var runs = Enumerable.Range(0, 3).Select(k => SchedulerShards.RunAsync(["plan", _file, "--shard", "auto/3", "--out", shards, "--quiet", "--jobs", "1"], scheduler, k, 3)).ToList();
        foreach (var (code, output, error) in await Task.WhenAll(runs))
        {
            Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {output}; stderr: {error}");
            Assert.Matches(@"^[12] of 4 candidates of small \(shard [0-2]/3\), \d+ simulations \(\d+ run, 0 kept from an interrupted attempt\) in ", output);
        }

        var (mergeCode, mergeOutput, mergeError) = CliRunner.Run(["merge", .. Enumerable.Range(0, 3).Select(k => Path.Combine(shards, $"small.shard-{k}-of-3")), "--out", Path.Combine(_root, "merged")]);

        Assert.Equal((ExitCodes.Success, string.Empty), (mergeCode, mergeError));
        var whole = Path.Combine(_root, "whole", "small");
        var merged = Path.Combine(_root, "merged", "small");
        var simulations = File.ReadAllLines(Path.Combine(whole, PlanFolder.ProbesTable)).Length - 1;
        using (var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(whole, PlanFolder.MetadataFile))))
        {
            Assert.True(metadata.RootElement.GetProperty("simulations_run").GetInt32() > simulations, "no stopped run was run again to its end: the merge's replay of that is not tested");
        }


        // The same answer, every simulation read from the shards and none run again.
        Assert.Equal(wholeOutput[..wholeOutput.LastIndexOf("small: ", StringComparison.Ordinal)], mergeOutput[..mergeOutput.LastIndexOf("3 shards, ", StringComparison.Ordinal)]);
        Assert.Contains($"3 shards, 4 candidates of small, {simulations} simulations read from them and 0 run, merged in ", mergeOutput, StringComparison.Ordinal);
        using (var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, PlanFolder.MetadataFile))))
        {
            Assert.Equal((simulations, 0, 3), (metadata.RootElement.GetProperty("simulations").GetInt32(), metadata.RootElement.GetProperty("simulations_run").GetInt32(), metadata.RootElement.GetProperty("merged_from").GetArrayLength()));
        }

        Assert.Equal(
            Directory.GetFiles(Path.Combine(merged, "runs")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Enumerable.Range(0, 3).SelectMany(k => Directory.GetFiles(Path.Combine(shards, $"small.shard-{k}-of-3", "runs"))).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Byte for byte: plan.csv, probes.csv, report.md, the plots, the plan and every simulation's file. The manifest
        // lists the simulations in the order they ended, which differs between any two runs.
        var files = ResultsFolders.AssertSameBytes(whole, merged, PlanFolder.MetadataFile, OwnedFolder.ManifestFile);
        Assert.Contains(PlanFolder.ReportFile, files);
        Assert.Contains(PlanFolder.ProbesTable, files);
        Assert.Equal(6, files.Count(f => f.StartsWith(PlanFolder.PlotsFolder, StringComparison.Ordinal)));
    }

    [Fact]
    public void AShardsFolderHoldsItsCandidatesSimulationsMarkedAsItsShardAndNoReport()
    {
        var (code, output, error) = Shard(Use(ShardRecord.PlanKind), 1);
        var folder = Path.Combine(_root, "shards", "small.shard-1-of-3");

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.StartsWith("1 of 4 candidates of small (shard 1/3), ", output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "runs")));
        Assert.All(Directory.GetFiles(Path.Combine(folder, "runs")), f => Assert.StartsWith("c001-burst-", Path.GetFileName(f), StringComparison.Ordinal));
        foreach (var file in new[] { PlanFolder.ReportFile, PlanFolder.PlanTable, PlanFolder.ProbesTable, PlanFolder.PlotsFolder })
        {
            Assert.False(Path.Exists(Path.Combine(folder, file)), $"a shard's folder has {file}");
        }

        var record = ShardRecord.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.ShardFile)));
        Assert.NotNull(record);
        Assert.Equal((ShardRecord.PlanKind, "small", _file, 1, 3, 4, OwnedFolder.IdentityOf(SmallPlan)), (record.Kind, record.Name, record.File, record.Shard, record.Shards, record.Count, record.Identity));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, PlanFolder.MetadataFile)));
        Assert.Equal("1/3", metadata.RootElement.GetProperty("shard").GetString());
        Assert.Equal([1], metadata.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetInt32()));
    }

    [Fact]
    public void APlanShardAndAnExperimentShardAreNotMerged()
    {
        var plan = Use(ShardRecord.PlanKind);
        Shard(plan, 0);
        Shard(plan, 2);
        var experiment = Path.Combine(_root, "experiment.yaml");
        File.WriteAllText(experiment, """
            name: tiny
            replications: 1
            scenario: {topology: aws-m7a.24xlarge, runtime: none, layers: 2, containers: 2}
            sweep:
              grid:
                strategy: [per-layer, common-parent]
            metrics: [start_latency_mean_ms]
            """);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("run", experiment, "--shard", "1/3", "--out", Path.Combine(_root, "shards"), "--quiet").Code);

        var (code, _, error) = Merge("small.shard-0-of-3", "tiny.shard-1-of-3", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"tiny.shard-1-of-3 is a shard of experiment tiny (from {experiment}) but ", error, StringComparison.Ordinal);
        Assert.Contains("small.shard-0-of-3 is a shard of plan small (from ", error, StringComparison.Ordinal);
        Assert.Contains("a merge takes the shards of one experiment or of one plan", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AMissingShardIsRefusedByNameAndNothingIsWritten(string kind)
    {
        var sharded = Use(kind);
        Shard(sharded, 0);
        Shard(sharded, 2);

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"shard 1/3 of small is missing ({sharded.ShardOne}); run 'mountsim {sharded.Command} {_file} --shard 1/3' and give its folder too", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AShardGivenTwiceIsRefused(string kind)
    {
        var sharded = Use(kind);
        ShardAll(sharded);
        ResultsFolders.Copy(Path.Combine(_root, "shards", "small.shard-1-of-3"), Path.Combine(_root, "shards", "copy-of-1"));

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "copy-of-1", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"shard 1/3 ({sharded.ShardOne}) is given 2 times: ", error, StringComparison.Ordinal);
        Assert.Contains("copy-of-1", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AShardOfAnotherFileIsRefused(string kind)
    {
        var sharded = Use(kind);
        Shard(sharded, 0);
        Shard(sharded, 2);
        var other = Path.Combine(_root, "other.yaml");
        File.WriteAllText(other, sharded.Text + "\n# another version of the file\n");
        Assert.Equal(ExitCodes.Success, CliRunner.Run(sharded.Command, other, "--shard", "1/3", "--out", Path.Combine(_root, "shards", "other"), "--quiet").Code);

        var (code, _, error) = Merge("small.shard-0-of-3", "other/small.shard-1-of-3", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"other/small.shard-1-of-3 is a shard of another {kind} (small from ", error, StringComparison.Ordinal);
        Assert.Contains("shards of different files, or of two versions of one, never merge", error, StringComparison.Ordinal);
        Assert.Contains("shard 1/3 of small is missing", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AShardOfAnotherSplitIsRefused(string kind)
    {
        var sharded = Use(kind);
        Shard(sharded, 0);
        Shard(sharded, 2);
        Assert.Equal(ExitCodes.Success, CliRunner.Run(sharded.Command, _file, "--shard", "1/2", "--out", Path.Combine(_root, "shards"), "--quiet").Code);

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-2", "small.shard-2-of-3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("small.shard-1-of-2 is shard 1/2 but ", error, StringComparison.Ordinal);
        Assert.Contains($"the {kind} was split two ways", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AnUnfinishedShardOrALostRunIsRefused(string kind)
    {
        var sharded = Use(kind);
        ShardAll(sharded);
        ResultsFolders.SetFinished(Path.Combine(_root, "shards", "small.shard-1-of-3"), false);
        var lost = Directory.GetFiles(Path.Combine(_root, "shards", "small.shard-2-of-3", "runs")).Order(StringComparer.Ordinal).Last();
        File.Delete(lost);

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"shard 1/3 of small is unfinished; run 'mountsim {sharded.Command} {_file} --shard 1/3' again to finish it", error, StringComparison.Ordinal);

        ResultsFolders.SetFinished(Path.Combine(_root, "shards", "small.shard-1-of-3"), true);
        (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{lost}: {sharded.LostRun} of shard 2/3 is missing or cannot be read back; run the shard again with --force", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AWholeResultsFolderIsNotAShard(string kind)
    {
        var sharded = Use(kind);
        Assert.Equal(ExitCodes.Success, CliRunner.Run(sharded.Command, _file, "--out", Path.Combine(_root, "shards"), "--quiet").Code);

        var (code, _, error) = Merge("small");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"small holds a whole {kind}'s results, not a shard of one", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AFinishedShardIsKeptUnlessForced(string kind)
    {
        var sharded = Use(kind);
        Assert.Equal(ExitCodes.Success, Shard(sharded, 1).Code);
        var runs = Path.Combine(_root, "shards", "small.shard-1-of-3", "runs");
        var saved = Directory.GetFiles(runs).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var (code, _, error) = Shard(sharded, 1);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"small.shard-1-of-3 holds finished {kind} shard; use --force", error, StringComparison.Ordinal);
        Assert.Equal(saved, Directory.GetFiles(runs).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        Assert.Equal(ExitCodes.Success, CliRunner.Run(sharded.Command, _file, "--shard", "1/3", "--out", Path.Combine(_root, "shards"), "--quiet", "--force").Code);
    }

    [Theory]
    [InlineData(ShardRecord.ExperimentKind)]
    [InlineData(ShardRecord.PlanKind)]
    public void AFinishedMergeIsKeptUnlessForced(string kind)
    {
        ShardAll(Use(kind));
        Assert.Equal(ExitCodes.Success, Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3").Code);

        var (code, _, error) = Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"holds finished {kind} results; use --force", error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, Merge("small.shard-0-of-3", "small.shard-1-of-3", "small.shard-2-of-3", "--force").Code);
    }

    private (int Code, string Output, string Error) Shard(Sharded sharded, int index) =>
        CliRunner.Run(sharded.Command, _file, "--shard", $"{index}/3", "--out", Path.Combine(_root, "shards"), "--quiet");

    private void ShardAll(Sharded sharded)
    {
        foreach (var index in Enumerable.Range(0, 3))
        {
            Assert.Equal(ExitCodes.Success, Shard(sharded, index).Code);
        }
    }

    /// <summary>Writes the experiment, or the plan, as the file the shards run (both are named small) and says how its shards are told apart.</summary>
    private Sharded Use(string kind)
    {
        var sharded = kind == ShardRecord.PlanKind
            ? new Sharded("plan", SmallPlan, "candidates 1", "a simulation")
            : new Sharded("run", Small, "runs 1, 4, 7, 10", "run 11");
        File.WriteAllText(_file, sharded.Text);
        return sharded;
    }

    private (int Code, string Output, string Error) Merge(params string[] shards) =>
        CliRunner.Run(["merge", .. shards.Select(s => s.StartsWith("--", StringComparison.Ordinal) ? s : Path.Combine(_root, "shards", s)), "--out", Path.Combine(_root, "merged")]);

    /// <summary>
    /// A kind of shard as these tests meet it: the command that runs one and the file it runs; shard 1/3's members, and
    /// the last run file of shard 2/3, as the merge names them.
    /// </summary>
    private sealed record Sharded(string Command, string Text, string ShardOne, string LostRun);
}
