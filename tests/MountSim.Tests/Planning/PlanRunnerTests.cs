using MountSim.Experiments;
using MountSim.Planning;

namespace MountSim.Tests.Planning;

/// <summary>A plan's searches: the boundary an exhaustive sweep shows, whatever the parallelism, with runs stopped early.</summary>
public sealed class PlanRunnerTests
{
    /// <summary>
    /// One small candidate (m7a.24xlarge, the kernel's work alone, 8 layers: a start takes 3 ms alone and the mean
    /// grows past 20 ms between 16 and 32 starts), three replications per probe whatever they show, so a probe's
    /// verdict is exactly its mean against the bound.
    /// </summary>
    private const string Plan = """
        name: synthetic
        seed: 3
        scenario: {topology: aws-m7a.24xlarge, runtime: none, layers: 8}
        objective: [start_latency_mean_ms <= 20]
        burst: {from: 4, max: 40, resolution: 0}
        replications: {min: 3, max: 3}
        """;

    [Fact]
    public void ItFindsTheBoundaryAnExhaustiveSweepShows()
    {
        var plan = PlanYamlReader.Parse(Plan, "synthetic.yaml");
        var candidate = plan.Candidates[0].Scenario;
        bool Holds(int n) => Enumerable.Range(0, 3)
            .Select(r => ScenarioSummary.Of(ScenarioRunner.Run(PlanRunner.ScenarioAt(candidate, SearchKind.Burst, n, plan.Burst), plan.Seed, r)).StartLatency.Mean / 1e6)
            .Average() <= 20;
        var exhaustive = Enumerable.Range(1, 40).Select(Holds).ToList();
        var truth = exhaustive.IndexOf(false);

        var found = Assert.Single(PlanRunner.Run(plan, new MemoryProbeStore(), 2, (_, _) => { }, TestContext.Current.CancellationToken));

        Assert.InRange(truth, 10, 35);
        Assert.True(exhaustive.Skip(truth).All(h => !h), "the objective holds again past its first break: the search's assumption fails here");
        Assert.Equal(truth, found.Outcome.Boundary);
        Assert.Equal(truth + 1, found.Outcome.Breaks);
    }

    [Fact]
    public void TheAnswerDoesNotDependOnTheJobs()
    {
        var plan = PlanYamlReader.Parse(Plan.Replace("{min: 3, max: 3}", "{min: 2, max: 6}", StringComparison.Ordinal).Replace("resolution: 0", "resolution: 0.1", StringComparison.Ordinal), "synthetic.yaml");

        var one = PlanRunner.Run(plan, new MemoryProbeStore(), 1, (_, _) => { }, TestContext.Current.CancellationToken);
        var two = PlanRunner.Run(plan, new MemoryProbeStore(), 2, (_, _) => { }, TestContext.Current.CancellationToken);

        Assert.Equal(one[0].Outcome.Probes.Select(p => (p.Load, p.Verdict.Holds, p.Verdict.Replications)), two[0].Outcome.Probes.Select(p => (p.Load, p.Verdict.Holds, p.Verdict.Replications)));
        Assert.Equal(one[0].Runs.Select(r => (r.Key, r.Values[0], r.StoppedBy, r.Events)), two[0].Runs.Select(r => (r.Key, r.Values[0], r.StoppedBy, r.Events)));
    }
}
