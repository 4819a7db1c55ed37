using MountSim.Planning;
using MountSim.Reporting;
using MountSim.Tests.Planning;

namespace MountSim.Tests.Reporting;

/// <summary>A merge's replay of a plan's searches on the simulations its shards saved: the same results, and nothing simulated.</summary>
public sealed class PlanSessionTests
{
    /// <summary>Halving from 64 containers: runs stop early once a start is past 33 ms, and some are run again to their end.</summary>
    private const string Plan = """
        name: replay
        scenario: {topology: aws-m7a.24xlarge, runtime: none, layers: 8}
        objective: [start_latency_max_ms <= 33]
        burst: {from: 64, max: 64, resolution: 0.1}
        replications: {min: 2, max: 4}
        """;

    [Fact]
    public void AReplayOnTheSavedSimulationsGivesTheSameSearch()
    {
        var plan = PlanYamlReader.Parse(Plan, "replay.yaml");
        var found = Assert.Single(PlanRunner.Run(plan, new MemoryProbeStore(), 2, (_, _) => { }, TestContext.Current.CancellationToken));
        var problems = new List<string>();

        var replayed = Assert.Single(PlanSession.Replay(plan, found.Runs, problems));

        Assert.Empty(problems);
        Assert.Contains(found.Runs, r => r.StoppedBy is not null);
        Assert.Equal(found.Outcome.Probes.Select(Verdict), replayed.Outcome.Probes.Select(Verdict));
        Assert.Equal(found.Runs, replayed.Runs);
    }

    [Fact]
    public void AReplayLackingASimulationNamesItAndRunsNone()
    {
        var plan = PlanYamlReader.Parse(Plan, "replay.yaml");
        var found = Assert.Single(PlanRunner.Run(plan, new MemoryProbeStore(), 2, (_, _) => { }, TestContext.Current.CancellationToken));
        var lacking = found.Runs[^1].Key;
        var problems = new List<string>();

        var replayed = PlanSession.Replay(plan, [.. found.Runs.SkipLast(1)], problems);

        Assert.Empty(replayed);
        Assert.Equal(
            $"the search of candidate 0 (base scenario) needs a simulation its shard did not save: burst {lacking.LoadText}, replication {lacking.Replication}; were the shards run by another MountSim version? Run the shards and the merge with one version",
            Assert.Single(problems));
    }

    private static (double Load, bool Holds, bool Clear, int Replications, string Means) Verdict((double Load, ProbeVerdict Verdict) probe) =>
        (probe.Load, probe.Verdict.Holds, probe.Verdict.Clear, probe.Verdict.Replications, string.Join(' ', probe.Verdict.Means.Select(m => m.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
}
