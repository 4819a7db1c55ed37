using System.Globalization;
using MountSim.Experiments;
using MountSim.Workload;

namespace MountSim.Planning;

/// <summary>
/// Runs a plan: for every candidate and kind of search, a <see cref="BoundarySearch"/> whose probes each run
/// replications until the <see cref="SequentialTest"/> decides, every run stopped as soon as one objective term is
/// certainly broken. Replication r of every probe draws its random streams from (seed, r): common random numbers,
/// so neighbouring loads and candidates differ by what they are, not by their luck. At most <c>jobs</c>
/// simulations run at once; the answer does not depend on how many.
/// </summary>
public static class PlanRunner
{
    /// <param name="finished">Hears of each probe decided: the candidate's index, the kind, the load and the verdict.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped it; the runs saved stay.</exception>
    public static IReadOnlyList<CandidateBoundary> Run(CapacityPlan plan, IProbeStore store, int jobs, Action<ProbeKey, ProbeVerdict> finished, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var searches = plan.Candidates.SelectMany(c => plan.Find.Select(kind => (Candidate: c, Kind: kind))).ToList();
        var results = new CandidateBoundary[searches.Count];
        using var slots = new SemaphoreSlim(jobs);
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel };
        Parallel.For(0, searches.Count, options, i =>
        {
            var (candidate, kind) = searches[i];
            var runs = new List<ProbeRun>();
            var outcome = BoundarySearch.Find(kind, plan.SettingsOf(kind), load =>
            {
                var (verdict, probeRuns) = Probe(plan, candidate, kind, load, store, slots, jobs, cancel);
                runs.AddRange(probeRuns);
                finished(probeRuns[0].Key, verdict);
                return verdict;
            });
            var (price, source) = Price(plan, candidate);
            results[i] = new CandidateBoundary(candidate, kind, outcome, runs, price, source);
        });
        return results;
    }

    /// <summary>The scenario of one probe: the candidate's, with the load's starts and arrivals.</summary>
    public static Scenario ScenarioAt(Scenario candidate, SearchKind kind, double load, BoundarySearchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(settings);
        return kind == SearchKind.Burst
            ? candidate with { Containers = (int)load, Arrivals = ArrivalPattern.Burst }
            : candidate with
            {
                Containers = (int)Math.Max(1, Math.Ceiling(load * settings.SustainNs / 1e9)),
                Arrivals = ArrivalPattern.Parse("poisson:" + load.ToString("R", CultureInfo.InvariantCulture)),
            };
    }

    /// <summary>
    /// Replications at one load until the test decides: the first batch in parallel, then one at a time. A run
    /// stopped early knows only a floor of the term it broke: enough when the term is clearly broken anyway (the
    /// true values lie higher still), so any other verdict waits until the stopped runs are run to their end.
    /// </summary>
    private static (ProbeVerdict Verdict, List<ProbeRun> Runs) Probe(
        CapacityPlan plan, Configuration candidate, SearchKind kind, double load, IProbeStore store, SemaphoreSlim slots, int jobs, CancellationToken cancel)
    {
        var scenario = ScenarioAt(candidate.Scenario, kind, load, plan.SettingsOf(kind));
        var stops = plan.Objective.Select(t => t.Negation).Where(n => n.CanBeCertainEarly).ToList();
        var runs = new List<ProbeRun>();
        void RunAll(IReadOnlyList<int> replications, bool stopEarly) =>
            Parallel.ForEach(replications, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel }, r =>
            {
                var key = new ProbeKey(candidate.Index, kind, load, r);
                var saved = store.Find(key);
                runs[r] = saved is not null && (stopEarly || saved.StoppedBy is null) ? saved : Simulate(plan, key, scenario, stopEarly ? stops : [], store, slots, cancel);
            });

        while (true)
        {
            var batch = runs.Count == 0 ? plan.Test.MinReplications : 1;
            var added = Enumerable.Range(runs.Count, batch).ToList();
            runs.AddRange(new ProbeRun[batch]);
            RunAll(added, stopEarly: true);
            var verdict = Decide(plan, runs);
            if (verdict is not { Holds: false, Clear: true } && runs.Where(r => r.StoppedBy is not null).Select(r => r.Key.Replication).ToList() is { Count: > 0 } stopped)
            {
                RunAll(stopped, stopEarly: false);
                verdict = Decide(plan, runs);
            }

            if (verdict is not null)
            {
                return (verdict, runs);
            }
        }
    }

    private static ProbeVerdict? Decide(CapacityPlan plan, List<ProbeRun> runs) =>
        plan.Test.Decide(plan.Objective, [.. runs.Select(r => r.Values)], [.. runs.Select(r => r.StoppedBy)]);

    private static ProbeRun Simulate(CapacityPlan plan, ProbeKey key, Scenario scenario, List<MetricCondition> stops, IProbeStore store, SemaphoreSlim slots, CancellationToken cancel)
    {
        slots.Wait(cancel);
        try
        {
            cancel.ThrowIfCancellationRequested();
            var result = ScenarioRunner.Run(scenario, plan.Seed, key.Replication, stopWhen: stops);
            var summary = ScenarioSummary.Of(result);
            var stoppedBy = result.StoppedBy is { } stop ? plan.Objective.Select(t => t.Negation).ToList().IndexOf(stop) : (int?)null;

            // A stopped run knows the breached term's floor, and nothing sure of the others.
            var soFar = result.StoppedBy is null ? null : result.Starts.SoFar();
            var values = plan.Objective.Select((t, i) => stoppedBy is null ? t.Metric.Of(summary) : i == stoppedBy ? t.Metric.AtLeast!(soFar!) : double.NaN).ToList();
            var run = new ProbeRun(key, values, stoppedBy, summary.SimulatedSeconds, summary.Events);
            store.Save(run);
            return run;
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The plan's price for the candidate's host, else its topology's on-demand price, else NaN.</summary>
    private static (double UsdPerHour, string Source) Price(CapacityPlan plan, Configuration candidate)
    {
        var topology = candidate.Scenario.Topology;
        return plan.Prices.TryGetValue(topology.Name, out var price) ? (price, $"the plan ({Path.GetFileName(plan.File)})")
            : topology.PricePerHour is { } onDemand ? ((double)onDemand, topology.SourceOf("price_per_hour") ?? "the topology")
            : (double.NaN, "none: give prices: in the plan");
    }
}
