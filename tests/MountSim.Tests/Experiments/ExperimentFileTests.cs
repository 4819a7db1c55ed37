using MountSim.Experiments;
using MountSim.Sensitivity;
using MountSim.Yaml;

namespace MountSim.Tests.Experiments;

/// <summary>Reading and expanding experiment files; each broken one says where and what.</summary>
public sealed class ExperimentFileTests
{
    /// <summary>A valid experiment; each error test breaks one line of it. Line numbers below refer to it.</summary>
    private const string Valid = """
        name: small
        seed: 7
        replications: 2
        scenario:
          topology: aws-r5.metal
          layers: 3
        sweep:
          grid:
            strategy: [per-layer, common-parent]
            containers: [2, 4, 8]
          zip:
            path_walks: [0, 20000]
            watchers: [0, 1]
        metrics: [start_latency_mean_ms, failed_starts]
        plots:
          - line: {x: containers, y: start_latency_p99_ms, series: strategy}
          - heatmap: {x: containers, y: strategy, metric: start_latency_mean_ms}
        """;

    [Fact]
    public void TheGridMultipliesAndTheZipPairsUp()
    {
        var plan = ExperimentPlan.Build(Parse(Valid));

        Assert.Equal(2 * 3 * 2, plan.Configurations.Count);
        Assert.Equal(24, plan.RunCount);
        Assert.Equal(["strategy", "containers", "path_walks", "watchers"], plan.Experiment.SweptFields);

        // The first grid axis varies slowest; each grid point takes every zipped tuple.
        Assert.Equal("strategy per-layer, containers 2, path_walks 0, watchers 0", plan.Configurations[0].Describe());
        Assert.Equal("strategy per-layer, containers 2, path_walks 20000, watchers 1", plan.Configurations[1].Describe());
        Assert.Equal("strategy common-parent, containers 8, path_walks 20000, watchers 1", plan.Configurations[11].Describe());
        Assert.Equal((20_000, 1, 8), (plan.Configurations[11].Scenario.PathWalksPerCpuPerSecond, plan.Configurations[11].Scenario.MountinfoWatchers, plan.Configurations[11].Scenario.Containers));
        Assert.Equal((plan.Configurations[5], 1), plan.Run(11));
    }

    [Fact]
    public void AHugeSweepIsCountedAndRefusedBeforeAnythingIsBuilt()
    {
        // Ten axes of ten values: 10^10 configurations, counted without building one.
        var axes = string.Join("\n", Enumerable.Range(0, 10).Select(i => $"    {ScenarioFields.Names[i]}: [{string.Join(", ", Enumerable.Repeat("x", 10))}]"));
        var e = Assert.Throws<InputFileException>(() => Parse($"name: huge\nscenario: {{topology: aws-r5.metal}}\nsweep:\n  grid:\n{axes}\n"));

        Assert.Equal((4, 3, "sweep"), (e.Line, e.Column, e.Field));
        Assert.Contains("10,000,000,000 configurations x 3 replications = 30,000,000,000 runs; at most 1,000,000 runs in one experiment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicationsThatWouldOverflowTheRunCountAreRefused()
    {
        var e = Assert.Throws<InputFileException>(() => Parse("name: many\nreplications: 2000000000\nscenario: {topology: aws-r5.metal}\n"));

        Assert.Equal((2, 15, "replications"), (e.Line, e.Column, e.Field));
        Assert.Contains("1 configuration x 2,000,000,000 replications = 2,000,000,000 runs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotsAddTheMetricsTheyNeedAndDefaultsFillTheRest()
    {
        var experiment = Parse(Valid);

        Assert.Equal(["start_latency_mean_ms", "failed_starts", "start_latency_p99_ms"], experiment.Metrics.Select(m => m.Name));
        Assert.Equal((7UL, 2, "small"), (experiment.Seed, experiment.Replications, experiment.Output));

        var bare = Parse("name: bare\nscenario: {topology: aws-r5.metal}\n");
        Assert.Equal(MetricCatalog.Defaults, bare.Metrics.Select(m => m.Name));
        Assert.Equal((42UL, 3), (bare.Seed, bare.Replications));
        Assert.Single(ExperimentPlan.Build(bare).Configurations);
    }

    [Fact]
    public void AStrategyCanBeWrittenInline()
    {
        var plan = ExperimentPlan.Build(Parse("""
            name: inline
            scenario:
              topology: aws-r5.metal
            sweep:
              grid:
                strategy:
                  - per-layer
                  - name: bind-only
                    passes:
                      - name: rootfs
                        syscalls: [overlay_mount]
            """));

        Assert.Equal(["per-layer", "bind-only"], plan.Configurations.Select(c => c.ValueOf("strategy")));
        Assert.Equal("bind-only", plan.Configurations[1].Scenario.Strategy.Name);
    }

    [Theory]
    [InlineData("  topology: aws-r5.metal", "  topology: aws-r5.metl", "e.yaml:5:13: scenario.topology: ", "did you mean 'aws-r5.metal'")]
    [InlineData("  layers: 3", "  layer: 3", "e.yaml:6:3: scenario.layer: unknown key 'layer'; did you mean 'layers'?", "")]
    [InlineData("    containers: [2, 4, 8]", "    containers: []", "e.yaml:10:17: sweep.grid.containers: an empty sweep", "")]
    [InlineData("    containers: [2, 4, 8]", "    containers: [2, 4.5]", "e.yaml:10:21: sweep.grid.containers: expected a whole number", "")]
    [InlineData("    watchers: [0, 1]", "    watchers: [0, 1, 2]", "e.yaml:13:16: sweep.zip.watchers: 3 values, but path_walks has 2; expected zipped lists of equal length", "")]
    [InlineData("metrics: [start_latency_mean_ms, failed_starts]", "metrics: [start_latency_mean_ms, failed_start]", "e.yaml:14:34: metrics[1]: unknown metric 'failed_start'; did you mean 'failed_starts'?", "")]
    [InlineData("series: strategy}", "series: kernel}", "e.yaml:16:60: plots[0].line.series: 'kernel' is not swept", "")]
    [InlineData("  - heatmap:", "  - heatmp:", "e.yaml:17:5: plots[1]: unknown plot 'heatmp'; did you mean 'heatmap'?", "")]
    [InlineData("replications: 2", "replications: 0", "e.yaml:3:15: replications: expected a whole number of at least 1", "")]
    [InlineData("    strategy: [per-layer, common-parent]", "    strategy: [per-layer, common-parnt]", "e.yaml:9:27: sweep.grid.strategy: ", "did you mean 'common-parent'")]
    [InlineData("line: {x: containers,", "line: {x: strategy,", "e.yaml:16:15: plots[0].line.x: 'strategy' has the value 'per-layer'; a line plot needs numbers on its x axis", "")]
    [InlineData("metrics: [start_latency_mean_ms, failed_starts]", "stop_when: [failed_starts > 0, path_walk_p99_us > 100]\nmetrics: [start_latency_mean_ms, failed_starts]", "e.yaml:14:32: stop_when[1]: 'path_walk_p99_us > 100' is never certain before a run ends", "")]
    [InlineData("metrics: [start_latency_mean_ms, failed_starts]", "stop_when: failed_start > 0\nmetrics: [start_latency_mean_ms, failed_starts]", "e.yaml:14:12: stop_when: unknown metric 'failed_start'", "")]
    [InlineData("metrics: [start_latency_mean_ms, failed_starts]", "uncertainty: {samples: 5}\nmetrics: [start_latency_mean_ms, failed_starts]", "e.yaml:14:24: uncertainty.samples: expected a whole number of at least 20", "")]
    [InlineData("metrics: [start_latency_mean_ms, failed_starts]", "uncertainty: {sample: 50}\nmetrics: [start_latency_mean_ms, failed_starts]", "e.yaml:14:15: uncertainty.sample: unknown key 'sample'; did you mean 'samples'?", "")]
    public void EachBrokenValueSaysWhereAndWhat(string line, string replacement, string expectedStart, string expectedPart)
    {
        var broken = Valid.Replace(line, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Valid, broken);

        var e = Assert.Throws<InputFileException>(() => ExperimentPlan.Build(Parse(broken)));

        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
        Assert.Contains(expectedPart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImpossibleScenarioIsRejectedAtItsValue()
    {
        var e = Assert.Throws<InputFileException>(() => ExperimentPlan.Build(Parse(Valid.Replace("    containers: [2, 4, 8]", "    containers: [2, 4, 8]\n    concurrency: [0]", StringComparison.Ordinal))));

        Assert.StartsWith("e.yaml:11:19: sweep.grid.concurrency: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("from 1 to 1,000,000, got 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UncertaintySamplesFollowEachConfigurationsReplicationsAndShareEachFiguresValues()
    {
        var plan = ExperimentPlan.Build(Parse(Valid + "\nuncertainty: {samples: 20}"));
        var (first, second) = (plan.Configurations[0], plan.Configurations[1]);

        // Two replications, then twenty samples, configuration by configuration.
        Assert.Equal(12 * 22, plan.RunCount);
        Assert.Equal((first, 1), plan.Run(1));
        Assert.Null(plan.UncertaintySample(1));
        Assert.Equal((first, 21), plan.Run(21));
        Assert.Equal(19, plan.UncertaintySample(21));
        Assert.Equal((second, 0), plan.Run(22));
        Assert.Same(first.Scenario, plan.ScenarioOf(0));

        // Each figure's samples fill its range one per twentieth (Latin hypercube), and a figure two configurations
        // share takes the same values in both.
        var design = plan.UncertaintyOf(first)!;
        Assert.Equal(first.Scenario.UncertainFigures.Select(f => f.Id), design.Figures.Figures.Select(f => f.Id));
        foreach (var figure in design.Figures.Figures.Where(f => f.Domain.Unit != FigureUnit.WholeNumber && f.High / f.Low < FigureSpace.LogScaleSpan))
        {
            var strata = design.Samples.Select(s => (int)Math.Min(19, Math.Floor((s[figure.Id] - figure.Low) / (figure.High - figure.Low) * 20))).Order();
            Assert.Equal(Enumerable.Range(0, 20), strata);
        }

        Assert.Equal(design.Samples.Select(s => s.OrderBy(v => v.Key.ToString()).ToList()), plan.UncertaintyOf(second)!.Samples.Select(s => s.OrderBy(v => v.Key.ToString()).ToList()));
        var sampled = plan.ScenarioOf(21);
        Assert.All(sampled.UncertainFigures, f => Assert.Equal(design.Samples[19][f.Id], f.Nominal));
    }

    [Fact]
    public void ATopologyIsRequired()
    {
        var e = Assert.Throws<InputFileException>(() => Parse("name: none\nscenario: {containers: 3}\n"));

        Assert.Contains("scenario.topology: missing; expected a shipped topology's name or a YAML file", e.Message, StringComparison.Ordinal);
    }

    private static Experiment Parse(string yaml) => ExperimentYamlReader.Parse(yaml, "e.yaml");
}
