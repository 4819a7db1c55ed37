using MountSim.Experiments;
using MountSim.Files;

namespace MountSim.Reporting;

/// <summary>
/// A shard's finished results folder as <c>mountsim merge</c> reads it: its <c>shard.json</c>, the experiment text
/// it ran (checked against the recorded hash), and its runs. Read only; nothing in it is changed.
/// </summary>
public sealed class ShardFolder
{
    private ShardFolder(string directory, ShardRecord record, string experimentText)
    {
        Directory = directory;
        Record = record;
        ExperimentText = experimentText;
        Shard = new ExperimentShard(record.Shard, record.Shards);
    }

    /// <summary>The folder's full path.</summary>
    public string Directory { get; }

    public ShardRecord Record { get; }

    public ExperimentShard Shard { get; }

    /// <summary>The experiment as the shard ran it (the folder's <c>experiment.yaml</c>).</summary>
    public string ExperimentText { get; }

    /// <summary>
    /// Reads the shard's folder at <paramref name="directory"/>; null, with what is wrong added to
    /// <paramref name="problems"/>, when it is not a finished shard's folder.
    /// </summary>
    public static ShardFolder? Read(string directory, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(problems);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            problems.Add($"{full}: no such folder");
            return null;
        }

        var manifestPath = Path.Combine(full, OwnedFolder.ManifestFile);
        var manifest = File.Exists(manifestPath) ? FolderManifest.Parse(File.ReadAllText(manifestPath)) : null;
        if (manifest is null)
        {
            problems.Add($"{full} is not a shard's results folder (no readable {OwnedFolder.ManifestFile}); 'mountsim run FILE --shard K/N' writes one");
            return null;
        }

        if (manifest.Kind != ResultsFolder.ShardKind)
        {
            problems.Add(manifest.Kind == ResultsFolder.Kind
                ? $"{full} holds a whole experiment's results, not a shard of one"
                : $"{full} holds MountSim's {manifest.Kind}, not a shard of an experiment");
            return null;
        }

        var recordPath = Path.Combine(full, ResultsFolder.ShardFile);
        var record = File.Exists(recordPath) ? ShardRecord.Parse(File.ReadAllText(recordPath)) : null;
        if (record is null)
        {
            problems.Add($"{recordPath} is missing or damaged, so the shard cannot be told apart from others; run the shard again with --force");
            return null;
        }

        if (!manifest.Finished)
        {
            problems.Add($"{full}: shard {record.Shard}/{record.Shards} of {record.Experiment} is unfinished; run 'mountsim run {record.File} --shard {record.Shard}/{record.Shards}' again to finish it");
            return null;
        }

        var experimentPath = Path.Combine(full, ResultsFolder.ExperimentFile);
        var text = File.Exists(experimentPath) ? File.ReadAllText(experimentPath) : null;
        if (text is null || OwnedFolder.IdentityOf(text) != record.Identity || manifest.Identity != record.Identity)
        {
            problems.Add($"{experimentPath} is not the experiment shard {record.Shard}/{record.Shards} ran (its hash differs from {ResultsFolder.ShardFile}'s); was it edited? Run the shard again with --force");
            return null;
        }

        return new ShardFolder(full, record, text);
    }

    /// <summary>The shard's runs of <paramref name="plan"/>; each one missing or damaged is added to <paramref name="problems"/>.</summary>
    public IReadOnlyList<RunResult> ReadRuns(ExperimentPlan plan, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(problems);
        var runs = new List<RunResult>();
        foreach (var run in Shard.Runs(plan.RunCount))
        {
            var path = Path.Combine(Directory, ResultsFolder.RunFile(run).Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path) && ResultsFolder.ReadRun(path, run, plan) is { } result)
            {
                runs.Add(result);
            }
            else
            {
                problems.Add($"{path}: run {run} of shard {Shard} is missing or cannot be read back; run the shard again with --force");
            }
        }

        return runs;
    }
}
