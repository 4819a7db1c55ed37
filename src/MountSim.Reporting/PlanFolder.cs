using System.Globalization;
using System.Text;
using MountSim.Experiments;
using MountSim.Files;
using MountSim.Planning;

namespace MountSim.Reporting;

/// <summary>
/// The folder a plan's results go to, an <see cref="OwnedFolder"/> like an experiment's: each simulation is a file
/// of its own under <c>runs/</c> as soon as it ends, so an interrupted plan resumes and reruns nothing; the tables,
/// plots and <c>report.md</c> come last, and a finished folder is never overwritten unless asked (<c>--force</c>).
/// A shard's folder (<c>--shard K/N</c>) is another kind: it holds its candidates' simulations, <c>shard.json</c> and
/// <c>metadata.json</c>, and is finished once its searches are; <c>mountsim merge</c> makes the rest.
/// </summary>
public sealed class PlanFolder : IProbeStore, IDisposable
{
    public const string PlanFile = "plan.yaml";
    public const string ReportFile = "report.md";
    public const string PlanTable = "plan.csv";
    public const string ProbesTable = "probes.csv";
    public const string PlotsFolder = "plots";
    public const string MetadataFile = "metadata.json";
    public const string Kind = "plan results";
    public const string ShardKind = "plan shard";
    private const string RunsFolder = "runs";

    private readonly OwnedFolder _folder;
    private readonly CapacityPlan _plan;
    private readonly SavedRuns<ProbeKey, ProbeRun> _runs;
    private int _simulated;

    private PlanFolder(OwnedFolder folder, CapacityPlan plan, ExperimentShard? shard)
    {
        _folder = folder;
        _plan = plan;
        Shard = shard;
        _runs = new(folder, RunFile);
    }

    public string Directory => _folder.Directory;

    /// <summary>The shard of the plan's candidates this folder holds; null for a whole plan's results.</summary>
    public ExperimentShard? Shard { get; }

    /// <summary>Runs read back from an earlier attempt's files.</summary>
    public int Resumed => _runs.Resumed;

    /// <summary>Runs simulated and saved by this process.</summary>
    public int Simulated => _simulated;

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="plan"/>: makes it, resumes it when it holds an unfinished
    /// attempt of the same file, or (with <paramref name="force"/>) removes MountSim's files from it first. With
    /// <paramref name="shard"/> it is that shard's folder, recorded in <c>shard.json</c> with the plan's identity.
    /// </summary>
    /// <exception cref="OutputTargetException">The folder is not MountSim's, is another process's, is finished, or holds another plan, and <paramref name="force"/> is false.</exception>
    public static PlanFolder Open(string directory, CapacityPlan plan, bool force, ExperimentShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(plan);
        var folder = OwnedFolder.OpenFor(directory, shard is null ? Kind : ShardKind, "plan", plan.File, plan.Text, force);
        try
        {
            folder.Declare(shard is null
                ? [PlanFile, MetadataFile, PlanTable, ProbesTable, ReportFile]
                : [PlanFile, MetadataFile, ResultsFolder.ShardFile]);
            folder.Write(PlanFile, plan.Text);
            if (shard is not null)
            {
                var record = new ShardRecord(ShardRecord.PlanKind, plan.Name, Path.GetFullPath(plan.File), OwnedFolder.IdentityOf(plan.Text), shard.Index, shard.Count, plan.Candidates.Count);
                folder.Write(ResultsFolder.ShardFile, record.ToJson());
            }

            return new PlanFolder(folder, plan, shard);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>The run an earlier attempt saved for <paramref name="key"/>; one that cannot be read back (cut short by a crash) is run again.</summary>
    public ProbeRun? Find(ProbeKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _runs.Find(key, run => run.Key == key && run.Values?.Count == _plan.Objective.Count);
    }

    public void Save(ProbeRun run)
    {
        Keep(run);
        Interlocked.Increment(ref _simulated);
    }

    /// <summary>Writes a run another folder saved (a shard's, for a merge) into <c>runs/</c>, in the file and bytes it had there.</summary>
    public void Keep(ProbeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs.Save(run.Key, run);
    }

    /// <summary>Writes <c>plan.csv</c> (a row per candidate and kind of search) and <c>probes.csv</c> (a row per simulation).</summary>
    public void WriteTables(IReadOnlyList<CandidateBoundary> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var fields = _plan.CandidateFields;
        var plan = new StringBuilder().AppendLine(Csv.Line([
            "candidate", .. fields, "search", "unit", "boundary", "breaks_at", "binding_term", "probes", "simulations", "unclear_probes",
            "usd_per_hour", "price_source", "boundary_per_usd_hour", "starts_per_usd"]));
        foreach (var r in results)
        {
            plan.AppendLine(Csv.Line([
                Invariant(r.Candidate.Index), .. fields.Select(r.Candidate.ValueOf), Name(r.Kind), PlanAnswer.Unit(r.Kind),
                Csv.Number(r.Outcome.Boundary), r.Outcome.Breaks is { } b ? Csv.Number(b) : string.Empty,
                r.BindingTerm is { } t ? _plan.Objective[t].ToString() : string.Empty,
                Invariant(r.Outcome.Probes.Count), Invariant(r.Runs.Count), Invariant(r.Outcome.Probes.Count(p => !p.Verdict.Clear)),
                Csv.Number(r.UsdPerHour), r.PriceSource, Csv.Number(r.BoundaryPerUsdHour), Csv.Number(r.StartsPerUsd)]));
        }

        var terms = _plan.Objective.Select(t => t.Metric.Name).ToList();
        var probes = new StringBuilder().AppendLine(Csv.Line([
            "candidate", .. fields, "search", "load", "replication", .. terms, "stopped_by", "simulated_s", "events", "probe_holds", "probe_clear"]));
        foreach (var r in results)
        {
            foreach (var run in r.Runs)
            {
                var verdict = r.Outcome.Probes.First(p => p.Load == run.Key.Load).Verdict;
                probes.AppendLine(Csv.Line([
                    Invariant(r.Candidate.Index), .. fields.Select(r.Candidate.ValueOf), Name(r.Kind), run.Key.LoadText, Invariant(run.Key.Replication),
                    .. run.Values.Select(Csv.Number), run.StoppedBy is { } s ? _plan.Objective[s].Negation.ToString() : string.Empty,
                    Csv.Number(run.SimulatedSeconds), Invariant(run.Events), verdict.Holds ? "true" : "false", verdict.Clear ? "true" : "false"]));
            }
        }

        _folder.Write(PlanTable, plan.ToString());
        _folder.Write(ProbesTable, probes.ToString());
    }

    /// <summary>Writes a chart into <c>plots/</c> as a PNG and an SVG.</summary>
    public void WriteChart(string stem, RenderedChart chart) => chart.WriteTo(_folder, $"{PlotsFolder}/{stem}");

    public void WriteMetadata(PlanMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _folder.Write(MetadataFile, MetadataJson.Of(metadata));
    }

    /// <summary>Writes <c>report.md</c> and marks the folder finished.</summary>
    public void WriteReport(string markdown)
    {
        _folder.Write(ReportFile, markdown);
        _folder.Finish();
    }

    /// <summary>Marks a shard's folder finished: it has its candidates' simulations and no report.</summary>
    public void FinishShard()
    {
        if (Shard is null)
        {
            throw new InvalidOperationException("a whole plan's folder is finished by its report");
        }

        _folder.Finish();
    }

    public void Dispose() => _folder.Dispose();

    public static string Name(SearchKind kind) => kind == SearchKind.Burst ? "burst" : "rate";

    /// <summary>The file <paramref name="key"/>'s simulation is saved in, relative to the folder.</summary>
    internal static string RunFile(ProbeKey key) =>
        $"{RunsFolder}/c{Invariant(key.Candidate).PadLeft(3, '0')}-{Name(key.Kind)}-{key.LoadText}-r{Invariant(key.Replication).PadLeft(3, '0')}.json";

    /// <summary>Whether <paramref name="file"/>, relative to the folder, is a simulation's file.</summary>
    internal static bool IsRunFile(string file) => file.StartsWith(RunsFolder + "/", StringComparison.Ordinal);

    /// <summary>The simulation saved at <paramref name="path"/> when it is whole and has a value for each of <paramref name="plan"/>'s terms; else null (cut short by a crash, or edited).</summary>
    internal static ProbeRun? ReadRun(string path, CapacityPlan plan) =>
        SavedRuns<ProbeKey, ProbeRun>.Read(path) is { Key: not null, Values: not null } run && run.Values.Count == plan.Objective.Count ? run : null;

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
