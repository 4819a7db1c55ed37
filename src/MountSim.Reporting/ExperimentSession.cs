using System.Collections.Concurrent;
using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>
/// One experiment run into its results folder: the runs the folder already holds are kept (a damaged one is run
/// again), the pending ones run in parallel and are saved as each finishes, then the tables, plots, metadata and
/// report are written. Interrupted, it leaves every finished run in place, so the same session resumes. In a shard's
/// folder it runs the shard's runs and writes no tables; a merge saves the shards' runs and writes them as a whole
/// run would, byte for byte.
/// </summary>
public sealed class ExperimentSession
{
    private readonly ExperimentPlan _plan;
    private readonly ResultsFolder _folder;
    private readonly int _jobs;
    private readonly ConcurrentDictionary<int, RunResult> _runs;
    private readonly RunMetadata _metadata;

    private ExperimentSession(ExperimentPlan plan, ResultsFolder folder, int jobs, IReadOnlyList<string> mergedFrom)
    {
        _plan = plan;
        _folder = folder;
        _jobs = jobs;
        _runs = new ConcurrentDictionary<int, RunResult>(folder.FinishedRuns(out var damaged));
        Damaged = damaged;
        Kept = _runs.Count;
        _metadata = Metadata(plan, jobs, DateTimeOffset.Now, mergedFrom.Count > 0 ? 0 : Kept, folder.Shard, mergedFrom);
        folder.WriteMetadata(_metadata);
    }

    /// <summary>Run files that could not be read back (empty or cut short): their runs are run again.</summary>
    public IReadOnlyList<string> Damaged { get; }

    /// <summary>Runs the folder held already.</summary>
    public int Kept { get; }

    /// <summary>Runs finished so far, kept ones included.</summary>
    public int Finished => _runs.Count;

    /// <summary>Opens a session on <paramref name="folder"/>: reads the runs it holds and marks the results unfinished.</summary>
    public static ExperimentSession Open(ExperimentPlan plan, ResultsFolder folder, int jobs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        return new ExperimentSession(plan, folder, jobs, []);
    }

    /// <summary>
    /// Opens a session on <paramref name="folder"/> holding <paramref name="runs"/>, every run of the experiment read from
    /// the shards' folders <paramref name="shards"/>: saved as the runs would have saved themselves, so
    /// <see cref="Finish"/> writes what an unsharded run writes.
    /// </summary>
    public static ExperimentSession Merge(ExperimentPlan plan, ResultsFolder folder, IReadOnlyList<RunResult> runs, IReadOnlyList<string> shards)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(shards);
        if (folder.Shard is not null || runs.Count != plan.RunCount || runs.Select(r => r.Run).Distinct().Count() != plan.RunCount)
        {
            throw new ArgumentException($"a merge needs each of the {plan.RunCount} runs once, into a whole experiment's folder", nameof(runs));
        }

        foreach (var run in runs)
        {
            folder.Save(run);
        }

        return new ExperimentSession(plan, folder, 1, shards);
    }

    /// <summary>Runs every run the folder lacks, saving each as it finishes; <paramref name="finished"/> hears of each.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped it; the runs saved stay.</exception>
    public void RunPending(Action<RunResult> finished, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var pending = _folder.Runs.Where(run => !_runs.ContainsKey(run)).ToList();
        ExperimentRunner.Run(_plan, pending, _jobs, run =>
        {
            _folder.Save(run);
            _runs[run.Run] = run;
            finished(run);
        }, cancel);
    }

    /// <summary>
    /// Writes runs.csv, summary.csv, the plots, the finished metadata and report.md; returns the plots and the time
    /// taken. A shard's folder gets only the finished metadata: its tables come from the merge.
    /// </summary>
    public (IReadOnlyList<SavedChart> Charts, TimeSpan Elapsed) Finish()
    {
        var finished = _metadata with { Finished = DateTimeOffset.Now };
        if (_folder.Shard is not null)
        {
            _folder.WriteMetadata(finished);
            _folder.FinishShard();
            return ([], finished.Finished!.Value - _metadata.Started);
        }

        var summaries = _folder.WriteTables([.. _runs.OrderBy(r => r.Key).Select(r => r.Value)]);
        var charts = ExperimentCharts.Save(_plan, summaries, _folder);
        finished = finished with { Finished = DateTimeOffset.Now };
        _folder.WriteMetadata(finished);
        _folder.WriteReport(ReportWriter.Write(_plan, summaries, charts));
        return (charts, finished.Finished!.Value - _metadata.Started);
    }

    private static RunMetadata Metadata(ExperimentPlan plan, int jobs, DateTimeOffset started, int resumed, ExperimentShard? shard, IReadOnlyList<string> mergedFrom) =>
        RunMetadata.Of(plan.Experiment.Name, plan.Experiment.File, plan.Experiment.Seed, started) with
        {
            Replications = plan.Experiment.Replications,
            Configurations = plan.Configurations.Count,
            Runs = plan.RunCount,
            Jobs = jobs,
            RunsResumed = resumed,
            Shard = shard?.ToString(),
            MergedFrom = mergedFrom,
        };
}
