using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using MountSim.Experiments;
using MountSim.Planning;

namespace MountSim.Reporting;

/// <summary>
/// One plan run into its results folder: the searches (a simulation an earlier attempt saved is read back, not
/// run), then <c>plan.csv</c>, <c>probes.csv</c>, the plots, <c>metadata.json</c> and <c>report.md</c>. In a shard's
/// folder it searches the shard's candidates and writes no tables; a merge replays every candidate's search on the
/// simulations its shard saved, running none, and writes what an unsharded plan writes, byte for byte.
/// </summary>
public static class PlanSession
{
    /// <param name="finished">Hears of each probe decided.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped it; the simulations saved stay.</exception>
    public static (IReadOnlyList<CandidateBoundary> Results, IReadOnlyList<SavedChart> Charts, PlanMetadata Metadata) Run(
        CapacityPlan plan, PlanFolder folder, int jobs, Action<ProbeKey, ProbeVerdict> finished, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        var searched = folder.Shard is { } shard ? plan with { Candidates = [.. plan.Candidates.Where(c => shard.Contains(c.Index))] } : plan;
        var metadata = Metadata(plan, searched, jobs, folder.Shard, []);
        folder.WriteMetadata(metadata);
        var results = PlanRunner.Run(searched, folder, jobs, finished, cancel);
        metadata = metadata with { Simulations = results.Sum(r => r.Runs.Count), SimulationsRun = folder.Simulated, SimulationsResumed = folder.Resumed };
        if (folder.Shard is null)
        {
            var (charts, written) = Finish(plan, folder, results, metadata);
            return (results, charts, written);
        }

        metadata = metadata with { Finished = DateTimeOffset.Now };
        folder.WriteMetadata(metadata);
        folder.FinishShard();
        return (results, [], metadata);
    }

    /// <summary>
    /// Every candidate's search replayed on <paramref name="runs"/>, the simulations the plan's shards saved: each search
    /// asks for the simulations it ran in its shard, in the same order, so the results are those of the unsharded plan.
    /// None is run: each one the shards lack (another MountSim version searched them) is added to
    /// <paramref name="problems"/>, and the results are then empty.
    /// </summary>
    public static IReadOnlyList<CandidateBoundary> Replay(CapacityPlan plan, IReadOnlyList<ProbeRun> runs, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(problems);
        using var stop = new CancellationTokenSource();
        var store = new SavedRunsOnly(runs.ToDictionary(r => r.Key), stop);
        try
        {
            return PlanRunner.Run(plan, store, 1, (_, _) => { }, stop.Token);
        }
        catch (OperationCanceledException) when (!store.Lacking.IsEmpty)
        {
            foreach (var (key, whole) in store.Lacking.Distinct().OrderBy(k => k.Key.Candidate).ThenBy(k => k.Key.Kind).ThenBy(k => k.Key.Load).ThenBy(k => k.Key.Replication))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"the search of candidate {key.Candidate} ({plan.Candidates.First(c => c.Index == key.Candidate).Describe()}) needs a simulation its shard did not save: {PlanFolder.Name(key.Kind)} {key.LoadText}, replication {key.Replication}{(whole ? ", run to its end" : string.Empty)}; were the shards run by another MountSim version? Run the shards and the merge with one version"));
            }

            return [];
        }
    }

    /// <summary>
    /// Writes a merged plan into <paramref name="folder"/>: the simulations of <paramref name="results"/> (replayed on the
    /// shards' folders <paramref name="shards"/>) into <c>runs/</c> as the shards saved them, then what <see cref="Run"/>
    /// writes last.
    /// </summary>
    public static (IReadOnlyList<SavedChart> Charts, PlanMetadata Metadata) Merge(CapacityPlan plan, PlanFolder folder, IReadOnlyList<CandidateBoundary> results, IReadOnlyList<string> shards)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(shards);
        if (folder.Shard is not null || results.Select(r => r.Candidate.Index).Distinct().Count() != plan.Candidates.Count || results.Count != plan.Candidates.Count * plan.Find.Count)
        {
            throw new ArgumentException($"a merge needs the searches of each of the {plan.Candidates.Count} candidates once, into a whole plan's folder", nameof(results));
        }

        var metadata = Metadata(plan, plan, 1, null, shards) with { Simulations = results.Sum(r => r.Runs.Count) };
        foreach (var run in results.SelectMany(r => r.Runs))
        {
            folder.Keep(run);
        }

        return Finish(plan, folder, results, metadata);
    }

    /// <summary>Writes the tables, the plots, the finished metadata and <c>report.md</c>, which marks the folder finished.</summary>
    private static (IReadOnlyList<SavedChart> Charts, PlanMetadata Metadata) Finish(CapacityPlan plan, PlanFolder folder, IReadOnlyList<CandidateBoundary> results, PlanMetadata metadata)
    {
        folder.WriteTables(results);
        var charts = PlanCharts.Save(plan, results, folder);
        var finished = metadata with { Finished = DateTimeOffset.Now };
        folder.WriteMetadata(finished);
        folder.WriteReport(PlanReportWriter.Write(plan, results, charts));
        return (charts, finished);
    }

    private static PlanMetadata Metadata(CapacityPlan plan, CapacityPlan searched, int jobs, ExperimentShard? shard, IReadOnlyList<string> mergedFrom) => new(
        plan.Name,
        Provenance.Version,
        Provenance.GitCommit(plan.File),
        Environment.MachineName, RuntimeInformation.OSDescription, Environment.ProcessorCount, RuntimeInformation.FrameworkDescription,
        DateTimeOffset.Now,
        null,
        plan.Seed,
        [.. searched.Candidates.Select(c => c.Index)],
        jobs,
        0,
        0,
        0,
        shard?.ToString(),
        mergedFrom);

    /// <summary>
    /// The simulations shards saved, for a replay that must run none: one it lacks is noted and stops the replay before
    /// it runs. A shard saves a stopped run again once it is run to its end, so one saved stopped is never wanted whole;
    /// if it is (another version's search), it is noted when saved.
    /// </summary>
    private sealed class SavedRunsOnly(IReadOnlyDictionary<ProbeKey, ProbeRun> runs, CancellationTokenSource stop) : IProbeStore
    {
        /// <summary>The simulations asked for and not saved; true where a stopped one was wanted to its end.</summary>
        public ConcurrentBag<(ProbeKey Key, bool Whole)> Lacking { get; } = [];

        public ProbeRun? Find(ProbeKey key) => runs.GetValueOrDefault(key) ?? Lack(key, whole: false);

        public void Save(ProbeRun run) => Lack(run.Key, whole: true);

        private ProbeRun Lack(ProbeKey key, bool whole)
        {
            Lacking.Add((key, whole));
            stop.Cancel();
            throw new OperationCanceledException(stop.Token);
        }
    }
}
