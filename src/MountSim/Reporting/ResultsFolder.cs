using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>
/// The folder an experiment's results go to. Each finished run is a file of its own under
/// <c>runs/</c>, written whole or not at all, so an interrupted experiment resumes where it stopped.
/// The tables, plots and <c>report.md</c> come last: a folder without <c>report.md</c> is unfinished,
/// one with it is never overwritten unless asked (<c>--force</c>).
/// </summary>
public sealed class ResultsFolder
{
    public const string ExperimentFile = "experiment.yaml";
    public const string ReportFile = "report.md";
    public const string RunsTable = "runs.csv";
    public const string SummaryTable = "summary.csv";
    public const string MetadataFile = "metadata.json";
    public const string PlotsFolder = "plots";
    private const string RunsFolder = "runs";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private ResultsFolder(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="experiment"/>: creates it, resumes it when it
    /// holds an unfinished run of the same file, or (with <paramref name="force"/>) empties MountSim's
    /// files from it first. Files MountSim did not write are left alone.
    /// </summary>
    /// <exception cref="ResultsFolderException">The folder is finished, or holds another experiment, and <paramref name="force"/> is false.</exception>
    public static ResultsFolder Open(string directory, Experiment experiment, bool force)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(experiment);
        var folder = new ResultsFolder(directory);
        var asRun = Path.Combine(directory, ExperimentFile);
        if (force)
        {
            folder.Clear();
        }
        else if (File.Exists(Path.Combine(directory, ReportFile)))
        {
            throw new ResultsFolderException($"{directory} holds finished results ({ReportFile}); use --force to replace them, or --out for another folder");
        }
        else if (File.Exists(asRun) && File.ReadAllText(asRun) != experiment.Text)
        {
            throw new ResultsFolderException($"{directory} holds unfinished runs of a different version of {Path.GetFileName(experiment.File)}; use --force to start over, or --out for another folder");
        }
        else if (System.IO.Directory.Exists(directory) && !File.Exists(asRun) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new ResultsFolderException($"{directory} exists and is not a MountSim results folder; choose another with --out");
        }

        System.IO.Directory.CreateDirectory(Path.Combine(directory, RunsFolder));
        File.WriteAllText(asRun, experiment.Text);
        return folder;
    }

    /// <summary>Runs already finished here, in order.</summary>
    public IReadOnlyList<int> FinishedRuns(int runCount) =>
        [.. Enumerable.Range(0, runCount).Where(run => File.Exists(RunPath(run)))];

    /// <summary>Keeps one finished run; safe to call from several threads for different runs.</summary>
    public void Save(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = RunPath(run.Run);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(run, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public RunResult Load(int run) =>
        JsonSerializer.Deserialize<RunResult>(File.ReadAllText(RunPath(run)), Json)
        ?? throw new ResultsFolderException($"{RunPath(run)} is empty; delete it to run it again");

    /// <summary>
    /// <c>runs.csv</c>: one row per run and metric, every swept field a column; <c>summary.csv</c>: per
    /// configuration and metric, the statistics across replications. Both in configuration order.
    /// </summary>
    public IReadOnlyList<ConfigurationSummary> WriteTables(ExperimentPlan plan, IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runs);
        var experiment = plan.Experiment;
        var fields = experiment.SweptFields;
        var tidy = new StringBuilder().AppendLine(Csv.Line(["run", "configuration", "replication", .. fields, "metric", "value"]));
        foreach (var run in runs)
        {
            var (configuration, replication) = plan.Run(run.Run);
            for (var m = 0; m < experiment.Metrics.Count; m++)
            {
                tidy.AppendLine(Csv.Line([Invariant(run.Run), Invariant(configuration.Index), Invariant(replication), .. fields.Select(configuration.ValueOf), experiment.Metrics[m].Name, Csv.Number(run.Metrics[m])]));
            }
        }

        var byConfiguration = runs.ToLookup(r => plan.Run(r.Run).Configuration.Index);
        var summaries = plan.Configurations.Select(configuration =>
        {
            var replications = byConfiguration[configuration.Index].ToList();
            return new ConfigurationSummary(
                configuration,
                [.. experiment.Metrics.Select((_, m) => SummaryStatistics.Of(replications.Select(r => r.Metrics[m])))],
                [.. replications.Select(r => r.StartLatencyPercentilesMs)]);
        }).ToList();

        var summary = new StringBuilder().AppendLine(Csv.Line(["configuration", .. fields, "metric", "unit", "n", "mean", "sd", "ci95_low", "ci95_high", "p5", "p50", "p95"]));
        foreach (var s in summaries)
        {
            for (var m = 0; m < experiment.Metrics.Count; m++)
            {
                var st = s.Metrics[m];
                summary.AppendLine(Csv.Line([
                    Invariant(s.Configuration.Index), .. fields.Select(s.Configuration.ValueOf), experiment.Metrics[m].Name, experiment.Metrics[m].Unit, Invariant(st.Count),
                    Csv.Number(st.Mean), Csv.Number(st.StandardDeviation), Csv.Number(st.Low), Csv.Number(st.High), Csv.Number(st.P5), Csv.Number(st.P50), Csv.Number(st.P95)]));
            }
        }

        File.WriteAllText(Path.Combine(Directory, RunsTable), tidy.ToString());
        File.WriteAllText(Path.Combine(Directory, SummaryTable), summary.ToString());
        return summaries;
    }

    public void WriteMetadata(RunMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        File.WriteAllText(Path.Combine(Directory, MetadataFile), JsonSerializer.Serialize(metadata, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) + "\n");
    }

    public void WriteReport(string markdown) => File.WriteAllText(Path.Combine(Directory, ReportFile), markdown);

    private string RunPath(int run) => Path.Combine(Directory, RunsFolder, Invariant(run).PadLeft(5, '0') + ".json");

    /// <summary>Removes what MountSim writes here, and nothing else.</summary>
    private void Clear()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (var file in new[] { ExperimentFile, ReportFile, RunsTable, SummaryTable, MetadataFile })
        {
            File.Delete(Path.Combine(Directory, file));
        }

        foreach (var folder in new[] { RunsFolder, PlotsFolder })
        {
            var path = Path.Combine(Directory, folder);
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
