using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Security.Cryptography;
using MountSim.Experiments;
using MountSim.Files;

namespace MountSim.Reporting;

/// <summary>
/// The folder an experiment's results go to, an <see cref="OwnedFolder"/>: MountSim writes only into a folder
/// it made, lists every file in its manifest before writing it, and writes each whole or not at all. Each
/// finished run is a file of its own under <c>runs/</c>, so an interrupted experiment resumes where it
/// stopped; the tables, plots and <c>report.md</c> come last, and the manifest marks the folder finished
/// after them. A finished folder is never overwritten unless asked (<c>--force</c>). A shard's folder
/// (<c>--shard K/N</c>) is another kind: it holds the shard's runs and <c>shard.json</c>, and is finished once they
/// are; <c>mountsim merge</c> makes the tables, plots and report from the shards together.
/// </summary>
public sealed class ResultsFolder : IDisposable
{
    public const string ExperimentFile = "experiment.yaml";
    public const string ReportFile = "report.md";
    public const string RunsTable = "runs.csv";

    /// <summary>The figures each uncertainty sample set, when the experiment draws them.</summary>
    public const string UncertaintyTable = "uncertainty.csv";
    public const string SummaryTable = "summary.csv";
    public const string MetadataFile = "metadata.json";
    public const string PlotsFolder = "plots";
    public const string ShardFile = "shard.json";
    public const string Kind = "experiment results";
    public const string ShardKind = "experiment shard";
    private const string RunsFolder = "runs";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly OwnedFolder _folder;
    private readonly ExperimentPlan _plan;

    private ResultsFolder(OwnedFolder folder, ExperimentPlan plan, ExperimentShard? shard)
    {
        _folder = folder;
        _plan = plan;
        Shard = shard;
        Runs = shard?.Members(plan.RunCount) ?? [.. Enumerable.Range(0, plan.RunCount)];
    }

    public string Directory => _folder.Directory;

    /// <summary>The shard this folder holds; null for a whole experiment's results.</summary>
    public ExperimentShard? Shard { get; }

    /// <summary>The runs this folder holds when finished: the shard's, or all.</summary>
    public IReadOnlyList<int> Runs { get; }

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="plan"/>'s experiment: makes it, resumes it when it holds
    /// an unfinished run of the same file, or (with <paramref name="force"/>) removes MountSim's files from it
    /// first. With <paramref name="shard"/> it is that shard's folder, recorded in <c>shard.json</c> with the
    /// experiment's identity. The folder stays locked until disposed.
    /// </summary>
    /// <exception cref="OutputTargetException">The folder is not MountSim's, is another process's, is finished, or holds another experiment, and <paramref name="force"/> is false.</exception>
    public static ResultsFolder Open(string directory, ExperimentPlan plan, bool force, ExperimentShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(plan);
        var experiment = plan.Experiment;
        var folder = OwnedFolder.OpenFor(directory, shard is null ? Kind : ShardKind, "experiment", experiment.File, experiment.Text, force);
        try
        {
            var results = new ResultsFolder(folder, plan, shard);
            folder.Declare(shard is null
                ? [ExperimentFile, MetadataFile, RunsTable, SummaryTable, ReportFile, .. results.Runs.Select(RunFile)]
                : [ExperimentFile, MetadataFile, ShardFile, .. results.Runs.Select(RunFile)]);
            folder.Write(ExperimentFile, experiment.Text);
            if (shard is not null)
            {
                var record = new ShardRecord(ShardRecord.ExperimentKind, experiment.Name, Path.GetFullPath(experiment.File), OwnedFolder.IdentityOf(experiment.Text), shard.Index, shard.Count, plan.RunCount);
                folder.Write(ShardFile, record.ToJson());
            }

            return results;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The runs already finished here, by index. A run file that cannot be read back (empty or cut short by a
    /// crash) counts as not run: it is named in <paramref name="damaged"/> and run again.
    /// </summary>
    public IReadOnlyDictionary<int, RunResult> FinishedRuns(out IReadOnlyList<string> damaged)
    {
        var finished = new Dictionary<int, RunResult>();
        var unreadable = new List<string>();
        foreach (var run in Runs)
        {
            var path = _folder.PathOf(RunFile(run));
            if (!File.Exists(path))
            {
                continue;
            }

            if (ReadRun(path, run, _plan) is { } result)
            {
                finished.Add(run, result);
            }
            else
            {
                unreadable.Add(path);
            }
        }

        damaged = unreadable;
        return finished;
    }

    /// <summary>Keeps one finished run; safe to call from several threads for different runs.</summary>
    public void Save(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = _folder.PathOf(RunFile(run.Run));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, JsonSerializer.Serialize(run, Json));
    }

    /// <summary>
    /// <c>runs.csv</c>: one row per run and metric, every swept field a column; <c>summary.csv</c>: per
    /// configuration and metric, the statistics across replications. Both in configuration order.
    /// </summary>
    public IReadOnlyList<ConfigurationSummary> WriteTables(IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plan = _plan;
        var experiment = plan.Experiment;
        var fields = experiment.SweptFields;
        // Only an experiment that stops runs early, or samples its uncertain figures, has the columns for it, so
        // other experiments' tables stay as they were.
        var stops = experiment.StopWhen.Count > 0;
        var sampled = experiment.UncertaintySamples > 0;
        var tidy = new StringBuilder().AppendLine(Csv.Line([
            "run", "configuration", "replication", .. sampled ? ["uncertainty_sample"] : (string[])[], .. fields, "metric", "value", .. stops ? ["stopped_by"] : (string[])[]]));
        foreach (var run in runs)
        {
            var (configuration, place) = plan.Run(run.Run);
            var sample = plan.UncertaintySample(run.Run);
            string[] where = sampled
                ? [sample is null ? Invariant(place) : string.Empty, sample is { } k ? Invariant(k) : string.Empty]
                : [Invariant(place)];
            for (var m = 0; m < experiment.Metrics.Count; m++)
            {
                tidy.AppendLine(Csv.Line([
                    Invariant(run.Run), Invariant(configuration.Index), .. where, .. fields.Select(configuration.ValueOf), experiment.Metrics[m].Name, Csv.Number(run.Metrics[m]),
                    .. stops ? [run.StoppedBy ?? string.Empty] : (string[])[]]));
            }
        }

        var byConfiguration = runs.ToLookup(r => plan.Run(r.Run).Configuration.Index);
        var summaries = plan.Configurations.Select(configuration =>
        {
            var replications = byConfiguration[configuration.Index].Where(r => plan.UncertaintySample(r.Run) is null).ToList();
            var samples = byConfiguration[configuration.Index].Where(r => plan.UncertaintySample(r.Run) is not null).ToList();
            return new ConfigurationSummary(
                configuration,
                [.. experiment.Metrics.Select((_, m) => SummaryStatistics.Of(replications.Select(r => r.Metrics[m])))],
                [.. replications.Select(r => r.StartLatencyPercentilesMs)])
            {
                Stopped = byConfiguration[configuration.Index].Count(r => r.StoppedBy is not null),
                Band = sampled ? [.. experiment.Metrics.Select((_, m) => SummaryStatistics.Of(samples.Select(r => r.Metrics[m])))] : null,
            };
        }).ToList();

        var summary = new StringBuilder().AppendLine(Csv.Line([
            "configuration", .. fields, "metric", "unit", "n", "mean", "sd", "ci95_low", "ci95_high", "p5", "p50", "p95", .. sampled ? ["band_n", "band_p5", "band_p50", "band_p95"] : (string[])[]]));
        foreach (var s in summaries)
        {
            for (var m = 0; m < experiment.Metrics.Count; m++)
            {
                var st = s.Metrics[m];
                string[] band = s.Band is { } b ? [Invariant(b[m].Count), Csv.Number(b[m].P5), Csv.Number(b[m].P50), Csv.Number(b[m].P95)] : [];
                summary.AppendLine(Csv.Line([
                    Invariant(s.Configuration.Index), .. fields.Select(s.Configuration.ValueOf), experiment.Metrics[m].Name, experiment.Metrics[m].Unit, Invariant(st.Count),
                    Csv.Number(st.Mean), Csv.Number(st.StandardDeviation), Csv.Number(st.Low), Csv.Number(st.High), Csv.Number(st.P5), Csv.Number(st.P50), Csv.Number(st.P95), .. band]));
            }
        }

        _folder.Write(RunsTable, tidy.ToString());
        _folder.Write(SummaryTable, summary.ToString());
        if (sampled)
        {
            _folder.Write(UncertaintyTable, UncertaintySamples(plan));
        }

        return summaries;
    }

    /// <summary><c>uncertainty.csv</c>: every figure's value in every sample of every configuration, and its range.</summary>
    private static string UncertaintySamples(ExperimentPlan plan)
    {
        var fields = plan.Experiment.SweptFields;
        var table = new StringBuilder().AppendLine(Csv.Line(["configuration", .. fields, "uncertainty_sample", "figure", "value", "nominal", "low", "high"]));
        foreach (var configuration in plan.Configurations)
        {
            var design = plan.UncertaintyOf(configuration)!;
            for (var k = 0; k < design.Samples.Count; k++)
            {
                foreach (var figure in design.Figures.Figures)
                {
                    table.AppendLine(Csv.Line([
                        Invariant(configuration.Index), .. fields.Select(configuration.ValueOf), Invariant(k), figure.Id.ToString(),
                        Csv.Number(design.Samples[k][figure.Id]), Csv.Number(figure.Nominal), Csv.Number(figure.Low), Csv.Number(figure.High)]));
                }
            }
        }

        return table.ToString();
    }

    public void WriteMetadata(RunMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _folder.Write(MetadataFile, metadata.ToJson());
    }

    /// <summary>Writes the charts into <c>plots/</c>, each as a PNG and an SVG.</summary>
    public void WriteChart(string stem, RenderedChart chart) => chart.WriteTo(_folder, $"{PlotsFolder}/{stem}");

    /// <summary>Writes <c>report.md</c> and marks the folder finished.</summary>
    public void WriteReport(string markdown)
    {
        _folder.Write(ReportFile, markdown);
        _folder.Finish();
    }

    /// <summary>Marks a shard's folder finished: it has all its runs and no report.</summary>
    public void FinishShard()
    {
        if (Shard is null)
        {
            throw new InvalidOperationException("a whole experiment's folder is finished by its report");
        }

        _folder.Finish();
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Run <paramref name="run"/>'s file, relative to a results folder.</summary>
    public static string RunFile(int run) => $"{RunsFolder}/{Invariant(run).PadLeft(5, '0')}.json";

    /// <summary>The run saved at <paramref name="path"/> when it is whole and is run <paramref name="run"/> of <paramref name="plan"/>; else null.</summary>
    internal static RunResult? ReadRun(string path, int run, ExperimentPlan plan)
    {
        try
        {
            return JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), Json) is { Metrics: not null, StartLatencyPercentilesMs: not null } result
                && result.Run == run && result.Metrics.Count == plan.Experiment.Metrics.Count
                ? result
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
