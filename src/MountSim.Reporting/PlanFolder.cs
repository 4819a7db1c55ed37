using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MountSim.Files;
using MountSim.Planning;

namespace MountSim.Reporting;

/// <summary>
/// The folder a plan's results go to, an <see cref="OwnedFolder"/> like an experiment's: each simulation is a file
/// of its own under <c>runs/</c> as soon as it ends, so an interrupted plan resumes and reruns nothing; the tables,
/// plots and <c>report.md</c> come last, and a finished folder is never overwritten unless asked (<c>--force</c>).
/// </summary>
public sealed class PlanFolder : IProbeStore, IDisposable
{
    public const string PlanFile = "plan.yaml";
    public const string ReportFile = "report.md";
    public const string PlanTable = "plan.csv";
    public const string ProbesTable = "probes.csv";
    public const string PlotsFolder = "plots";
    private const string RunsFolder = "runs";
    private const string Kind = "plan results";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, Converters = { new JsonStringEnumConverter() } };

    private readonly OwnedFolder _folder;
    private readonly CapacityPlan _plan;
    private readonly Lock _manifest = new();
    private readonly ConcurrentDictionary<ProbeKey, ProbeRun> _savedNow = new();
    private int _resumed;

    private PlanFolder(OwnedFolder folder, CapacityPlan plan)
    {
        _folder = folder;
        _plan = plan;
    }

    public string Directory => _folder.Directory;

    /// <summary>Runs read back from an earlier attempt's files.</summary>
    public int Resumed => _resumed;

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="plan"/>: makes it, resumes it when it holds an unfinished
    /// attempt of the same file, or (with <paramref name="force"/>) removes MountSim's files from it first.
    /// </summary>
    /// <exception cref="OutputTargetException">The folder is not MountSim's, is another process's, is finished, or holds another plan, and <paramref name="force"/> is false.</exception>
    public static PlanFolder Open(string directory, CapacityPlan plan, bool force)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(plan);
        var folder = OwnedFolder.OpenFor(directory, Kind, "plan", plan.File, plan.Text, force);
        try
        {
            folder.Declare([PlanFile, PlanTable, ProbesTable, ReportFile]);
            folder.Write(PlanFile, plan.Text);
            return new PlanFolder(folder, plan);
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
        if (_savedNow.TryGetValue(key, out var now))
        {
            return now;
        }

        var path = _folder.PathOf(RunFile(key));
        if (!File.Exists(path))
        {
            return null;
        }

        ProbeRun? run;
        try
        {
            run = JsonSerializer.Deserialize<ProbeRun>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (run is null || run.Key != key || run.Values.Count != _plan.Objective.Count)
        {
            return null;
        }

        Interlocked.Increment(ref _resumed);
        return run;
    }

    public void Save(ProbeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(run, Json);
        lock (_manifest)
        {
            _folder.Write(RunFile(run.Key), bytes);
        }

        // Read back from memory, not counted as resumed: a stopped run is looked up again before it is completed.
        _savedNow[run.Key] = run;
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

    /// <summary>Writes <c>report.md</c> and marks the folder finished.</summary>
    public void WriteReport(string markdown)
    {
        _folder.Write(ReportFile, markdown);
        _folder.Finish();
    }

    public void Dispose() => _folder.Dispose();

    public static string Name(SearchKind kind) => kind == SearchKind.Burst ? "burst" : "rate";

    private static string RunFile(ProbeKey key) =>
        $"{RunsFolder}/c{Invariant(key.Candidate).PadLeft(3, '0')}-{Name(key.Kind)}-{key.LoadText}-r{Invariant(key.Replication).PadLeft(3, '0')}.json";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
