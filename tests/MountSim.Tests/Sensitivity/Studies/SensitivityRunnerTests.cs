using MountSim.Sensitivity;
using MountSim.Sensitivity.Studies;

namespace MountSim.Tests.Sensitivity.Studies;

/// <summary>The whole pipeline on a tiny scenario: screening and Sobol' indices find the figure that drives each output.</summary>
public sealed class SensitivityRunnerTests
{
    /// <summary>
    /// runc's create step adds its cpu work to every start, so it drives the start latency; the ref-walk factor is
    /// what a path walk costs when it must retry, which no start pays, and drives the path walks' p99 instead. The
    /// percpu allocator's hold is a few hundred ns a mount: small beside both.
    /// </summary>
    private const string Tiny = """
        name: tiny
        scenario: {topology: aws-m7a.24xlarge, runtime: runc-1.2, strategy: per-layer, layers: 4, containers: 4}
        outputs: [start_latency_mean_ms, path_walk_p99_us]
        vary:
          - runtime:phases.runc_create.steps[0]
          - kernel:parameters.ref_walk_factor
          - kernel:parameters.pcpu_alloc_hold
        morris: {trajectories: 2}
        sobol: {keep: 3, base_samples: 8, bootstrap: 100}
        """;

    [Fact]
    public void EachOutputIsCarriedByTheFigureThatDrivesIt()
    {
        var study = SensitivityYamlReader.Parse(Tiny, "tiny.yaml");
        var store = new MemorySimulationStore();

        var analysis = Assert.Single(SensitivityRunner.Run(study, store, jobs: 2, (_, _, _) => { }, TestContext.Current.CancellationToken));

        Assert.Equal(analysis.Simulations.Count(), store.Saved);
        Assert.Equal(7 + 8 + (8 * 5), store.Saved);
        AssertCarriedBy(analysis, output: 0, driver: 0, idle: 1);
        AssertCarriedBy(analysis, output: 1, driver: 1, idle: 2);
    }

    [Fact]
    public void AnOutputWithoutAValueIsNotAnalysedAndTheOthersAre()
    {
        // Nothing walks paths: the p99 of no walk has no value.
        var study = SensitivityYamlReader.Parse(Tiny.Replace("containers: 4}", "containers: 4, path_walks: 0}", StringComparison.Ordinal), "tiny.yaml");

        var analysis = Assert.Single(SensitivityRunner.Run(study, new MemorySimulationStore(), jobs: 1, (_, _, _) => { }, TestContext.Current.CancellationToken));

        Assert.NotNull(analysis.Morris[0]);
        Assert.NotNull(analysis.Sobol[0]);
        Assert.Null(analysis.Morris[1]);
        Assert.Null(analysis.Sobol[1]);
    }

    [Fact]
    public void KeepRanksByTheLargestShareOfAnyOutputsLargestEffect()
    {
        var study = SensitivityYamlReader.Parse(Tiny, "tiny.yaml");
        var figures = study.FiguresOf(study.Configurations[0]);
        MorrisResult Effects(params double[] muStar) => new([.. muStar.Select((m, i) => new MorrisEffect(FigureNames.Of(figures[i].Id), m, m, 0, null))], 2);

        // Figure 2 moves output 0 less than figure 1 does, but it carries output 1: it is kept before 1.
        var kept = SensitivityRunner.Keep(figures, [Effects(100, 30, 20), Effects(0, 1, 5), null], keep: 2);

        Assert.Equal([figures[0], figures[2]], kept);
        Assert.Empty(SensitivityRunner.Keep(figures, [null, null], keep: 2));
    }

    private static void AssertCarriedBy(ConfigurationAnalysis analysis, int output, int driver, int idle)
    {
        var morris = analysis.Morris[output]!;
        var sobol = analysis.Sobol[output]!;
        Assert.Equal(driver, analysis.Ranking(output)[0]);
        Assert.True(morris.Effects[idle].MuStar < 0.05 * morris.Effects[driver].MuStar, $"mu* {morris.Effects[idle].MuStar} against {morris.Effects[driver].MuStar}");
        Assert.True(sobol.Indices[driver].Total > 0.5, $"S_T {sobol.Indices[driver].Total}");
        Assert.True(sobol.Indices[idle].Total < 0.05, $"S_T {sobol.Indices[idle].Total}");
    }
}
