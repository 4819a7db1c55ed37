using MountSim.Experiments;
using MountSim.Files;
using MountSim.Planning;

namespace MountSim.Reporting;

/// <summary>
/// A shard's finished folder, of an experiment or of a plan, as <c>mountsim merge</c> reads it: its <c>shard.json</c>,
/// the file it ran (checked against the recorded hash), and its runs. Read only; nothing in it is changed.
/// </summary>
public sealed class ShardFolder
{
    private readonly IReadOnlyList<string> _files;

    private ShardFolder(string directory, ShardRecord record, string text, IReadOnlyList<string> files)
    {
        Directory = directory;
        Record = record;
        Text = text;
        Shard = new ExperimentShard(record.Shard, record.Shards);
        _files = files;
    }

    /// <summary>The folder's full path.</summary>
    public string Directory { get; }

    public ShardRecord Record { get; }

    public ExperimentShard Shard { get; }

    /// <summary>The experiment or plan as the shard ran it (the folder's <c>experiment.yaml</c> or <c>plan.yaml</c>).</summary>
    public string Text { get; }

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
            problems.Add($"{full} is not a shard's folder (no readable {OwnedFolder.ManifestFile}); 'mountsim run FILE --shard K/N' (or 'mountsim plan') writes one");
            return null;
        }

        if (manifest.Kind is not ResultsFolder.ShardKind and not PlanFolder.ShardKind)
        {
            problems.Add(manifest.Kind switch
            {
                ResultsFolder.Kind => $"{full} holds a whole experiment's results, not a shard of one",
                PlanFolder.Kind => $"{full} holds a whole plan's results, not a shard of one",
                _ => $"{full} holds MountSim's {manifest.Kind}, not a shard of an experiment or a plan",
            });
            return null;
        }

        var recordPath = Path.Combine(full, ResultsFolder.ShardFile);
        var record = File.Exists(recordPath) ? ShardRecord.Parse(File.ReadAllText(recordPath)) : null;
        if (record is null || record.FolderKind != manifest.Kind)
        {
            problems.Add($"{recordPath} is missing or damaged, so the shard cannot be told apart from others; run the shard again with --force");
            return null;
        }

        if (!manifest.Finished)
        {
            problems.Add($"{full}: shard {record.Shard}/{record.Shards} of {record.Name} is unfinished; run 'mountsim {record.Command} {record.File} --shard {record.Shard}/{record.Shards}' again to finish it");
            return null;
        }

        var textPath = Path.Combine(full, record.TextFile);
        var text = File.Exists(textPath) ? File.ReadAllText(textPath) : null;
        if (text is null || OwnedFolder.IdentityOf(text) != record.Identity || manifest.Identity != record.Identity)
        {
            problems.Add($"{textPath} is not the {record.Kind} shard {record.Shard}/{record.Shards} ran (its hash differs from {ResultsFolder.ShardFile}'s); was it edited? Run the shard again with --force");
            return null;
        }

        return new ShardFolder(full, record, text, manifest.Files);
    }

    /// <summary>The shard's runs of <paramref name="plan"/>; each one missing or damaged is added to <paramref name="problems"/>.</summary>
    public IReadOnlyList<RunResult> ReadRuns(ExperimentPlan plan, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(problems);
        var runs = new List<RunResult>();
        foreach (var run in Shard.Members(plan.RunCount))
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

    /// <summary>
    /// The simulations a plan's shard saved, every one its manifest lists; each one missing, damaged, or not of the
    /// shard's candidates is added to <paramref name="problems"/>.
    /// </summary>
    public IReadOnlyList<ProbeRun> ReadProbeRuns(CapacityPlan plan, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(problems);
        var runs = new List<ProbeRun>();
        foreach (var file in _files.Where(PlanFolder.IsRunFile))
        {
            var path = Path.Combine(Directory, file.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path) && PlanFolder.ReadRun(path, plan) is { } run && PlanFolder.RunFile(run.Key) == file
                && Shard.Contains(run.Key.Candidate) && run.Key.Candidate < plan.Candidates.Count)
            {
                runs.Add(run);
            }
            else
            {
                problems.Add($"{path}: a simulation of shard {Shard} is missing or cannot be read back; run the shard again with --force");
            }
        }

        return runs;
    }
}
