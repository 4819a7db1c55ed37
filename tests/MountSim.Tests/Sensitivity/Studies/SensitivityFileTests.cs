using MountSim.Sensitivity.Studies;
using MountSim.Tests.Experiments;
using MountSim.Yaml;

namespace MountSim.Tests.Sensitivity.Studies;

/// <summary>Reading sensitivity files; each broken one says file, line, column, field and what was expected.</summary>
public sealed class SensitivityFileTests
{
    /// <summary>A valid study; each error row breaks one line of it. Line numbers below refer to it.</summary>
    private const string Valid = """
        name: small
        seed: 7
        scenario:
          runtime: none
          layers: 4
          containers: 4
        sweep:
          grid:
            topology: [aws-m7a.24xlarge, aws-r5.metal]
        outputs: [start_latency_mean_ms, path_walk_p99_us]
        vary:
          - kernel:parameters.ref_walk_factor
          - topology:nr_possible_cpus
        morris: {trajectories: 3, levels: 6}
        sobol: {keep: 2, base_samples: 16, bootstrap: 200, confidence: 0.9}
        """;

    [Fact]
    public void ItReadsConfigurationsOutputsFiguresAndDesigns()
    {
        var study = SensitivityYamlReader.Parse(Valid, "s.yaml");

        Assert.Equal(2, study.Configurations.Count);
        Assert.Equal(["topology"], study.ConfigurationFields);
        Assert.Equal(["start_latency_mean_ms", "path_walk_p99_us"], study.Outputs.Select(m => m.Name));
        Assert.Equal(["kernel:parameters.ref_walk_factor", "topology:nr_possible_cpus"], study.Vary!.Select(FigureNames.Of));
        Assert.Equal(["kernel:parameters.ref_walk_factor", "topology:nr_possible_cpus"], study.FiguresOf(study.Configurations[1]).Select(f => FigureNames.Of(f.Id)));
        Assert.Equal((3, 6, 2, 16, 200, 0.9), (study.Trajectories, study.Levels, study.Keep, study.BaseSamples, study.Bootstrap.Resamples, study.Bootstrap.Confidence));
        Assert.Equal((7UL, "small"), (study.Seed, study.Output));
    }

    [Fact]
    public void WithoutVaryEveryFigureWithARangeIsVaried()
    {
        var study = SensitivityYamlReader.Parse(Valid.Replace("vary:\n  - kernel:parameters.ref_walk_factor\n  - topology:nr_possible_cpus\n", string.Empty, StringComparison.Ordinal), "s.yaml");

        Assert.Null(study.Vary);
        var figures = study.FiguresOf(study.Configurations[0]);
        Assert.Equal(study.Configurations[0].Scenario.UncertainFigures.Count(f => f.Low < f.High), figures.Count);
        Assert.Contains(figures, f => FigureNames.Of(f.Id) == "topology:latency.same_llc");
    }

    public static TheoryData<string, string, int, int, string, string> Broken => new()
    {
        { "outputs: [start_latency_mean_ms, path_walk_p99_us]", "outputs: [start_latency_mean, path_walk_p99_us]", 10, 11, "outputs[0]", "unknown metric 'start_latency_mean'" },
        { "outputs: [start_latency_mean_ms, path_walk_p99_us]", "outputs: []", 10, 10, "outputs", "expected at least one metric name" },
        { "outputs: [start_latency_mean_ms, path_walk_p99_us]", "outputs: [failed_starts, failed_starts]", 10, 10, "outputs", "'failed_starts' is named twice" },
        { "  - topology:nr_possible_cpus", "  - topology:smt_slowdown", 13, 5, "vary[1]", "topology aws-m7a.24xlarge has no uncertain figure 'topology:smt_slowdown'" },
        { "  - kernel:parameters.ref_walk_factor", "  - kernel:parameters.ref_walk_facter", 12, 5, "vary[0]", "did you mean 'kernel:parameters.ref_walk_factor'?" },
        { "  - kernel:parameters.ref_walk_factor", "  - parameters.ref_walk_factor", 12, 5, "vary[0]", "expected a figure as HOME:KEY (topology:KEY, kernel:KEY, runtime:KEY, scenario:KEY)" },
        { "  - topology:nr_possible_cpus", "  - kernel:parameters.ref_walk_factor", 13, 5, "vary[1]", "is named twice" },
        { "vary:\n", "vary: some\n", 11, 7, "vary", "expected all or a list of figures" },
        { "{trajectories: 3, levels: 6}", "{trajectories: 1, levels: 6}", 14, 24, "morris.trajectories", "expected a whole number" },
        { "{trajectories: 3, levels: 6}", "{trajectories: 3, levels: 5}", 14, 35, "morris.levels", "expected an even number" },
        { "base_samples: 16", "base_samples: 24", 15, 32, "sobol.base_samples", "expected a power of two" },
        { "keep: 2", "keep: 0", 15, 15, "sobol.keep", "expected a whole number" },
        { "confidence: 0.9", "confidence: 2", 15, 64, "sobol.confidence", "expected a number" },
        { "seed: 7", "seed: 7\nkeep: 3", 3, 1, "keep", "unknown key 'keep'" },
        { "  layers: 4", "  layers: 4\n  sources: {path_walks: {source: x, range: [1, 2], why: y}}", 6, 44, "scenario.sources.path_walks.range", "outside [1, 2]" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenStudySaysWhereAndWhat(string valid, string broken, int line, int column, string field, string problem)
    {
        Assert.Contains(valid, Valid, StringComparison.Ordinal);

        var e = Assert.ThrowsAny<InputFileException>(() => SensitivityYamlReader.Parse(Valid.Replace(valid, broken, StringComparison.Ordinal), "s.yaml"));

        Assert.Equal(("s.yaml", line, column, field), (e.File, e.Line, e.Column, e.Field));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStudyNeedsOutputs()
    {
        var e = Assert.ThrowsAny<InputFileException>(() => SensitivityYamlReader.Parse("name: x\nscenario: {topology: aws-r5.metal}\n", "s.yaml"));

        Assert.Equal("outputs", e.Field);
    }

    [Fact]
    public void TheShippedIncidentStudyVariesEveryFigureAndNamesAMeasurementForEach()
    {
        var study = SensitivityYamlReader.Load(Path.Combine(ShippedExperiments.Folder, "sensitivity", "incident.yaml"));

        Assert.Equal(["topology aws-r5.metal, containers 100", "topology aws-r5.metal, containers 200", "topology aws-m7a.24xlarge, containers 100", "topology aws-m7a.24xlarge, containers 200"], study.Configurations.Select(c => c.Describe()));
        Assert.Null(study.Vary);
        foreach (var configuration in study.Configurations)
        {
            var figures = study.FiguresOf(configuration);
            Assert.Equal(configuration.Scenario.UncertainFigures.Select(f => f.Id), figures.Select(f => f.Id));
            Assert.All(figures, f => Assert.False(string.IsNullOrWhiteSpace(f.Measure), $"{FigureNames.Of(f.Id)} names no measurement"));
        }
    }

    [Fact]
    public void AMeasureIsReadWithItsRange()
    {
        var study = SensitivityYamlReader.Parse(Valid.Replace("  containers: 4", "  containers: 4\n  sources: {path_walks: {source: x, range: [10000, 40000], why: y, measure: count them}}", StringComparison.Ordinal), "s.yaml");

        var figure = study.Configurations[0].Scenario.UncertainFigures.Single(f => f.Key == "path_walks");
        Assert.Equal("count them", figure.Measure);
        Assert.Contains("measure: count them", figure.ToYamlEntry("x", t => t), StringComparison.Ordinal);
    }
}
