using MountSim.Planning;
using MountSim.Yaml;

namespace MountSim.Tests.Planning;

/// <summary>Reading plan files; each broken one says file, line, column, field and what was expected.</summary>
public sealed class PlanFileTests
{
    /// <summary>A valid plan; each error row breaks one line of it. Line numbers below refer to it.</summary>
    private const string Valid = """
        name: small
        seed: 7
        scenario:
          layers: 8
          runtime: none
        candidates:
          grid:
            topology: [aws-m7a.24xlarge, aws-r5.metal]
            strategy: [per-layer, common-parent]
        objective:
          - start_latency_p99_ms <= 5000
          - failed_starts == 0
        find: [burst, rate]
        burst: {from: 4, max: 64, resolution: 0.1}
        rate: {from: 1, max: 100, sustain: 5s}
        replications: {min: 2, max: 4}
        prices:
          aws-r5.metal: 3.5
        """;

    [Fact]
    public void ItReadsCandidatesObjectiveSearchesAndPrices()
    {
        var plan = PlanYamlReader.Parse(Valid, "p.yaml");

        Assert.Equal(4, plan.Candidates.Count);
        Assert.Equal(["topology", "strategy"], plan.CandidateFields);
        Assert.Equal("topology aws-r5.metal, strategy common-parent", plan.Candidates[3].Describe());
        Assert.Equal(["start_latency_p99_ms <= 5000", "failed_starts == 0"], plan.Objective.Select(t => t.ToString()));
        Assert.Equal([SearchKind.Burst, SearchKind.Rate], plan.Find);
        Assert.Equal(new BoundarySearchSettings(4, 64, 0.1, 30e9), plan.Burst);
        Assert.Equal(new BoundarySearchSettings(1, 100, 0.1, 5e9), plan.Rate);
        Assert.Equal(new SequentialTest(0.95, 2, 4), plan.Test);
        Assert.Equal(3.5, plan.Prices["aws-r5.metal"]);
        Assert.Equal(7UL, plan.Seed);
        Assert.Equal("small", plan.Output);
    }

    public static TheoryData<string, string, int, int, string, string> Broken => new()
    {
        { "  - start_latency_p99_ms <= 5000", "  - start_latency_p98_ms <= 5000", 11, 5, "objective[0]", "unknown metric 'start_latency_p98_ms'; did you mean 'start_latency_p90_ms'?" },
        { "  - failed_starts == 0", "  - failed_starts = 0", 12, 5, "objective[1]", "'failed_starts = 0': expected METRIC OP NUMBER" },
        { "  runtime: none", "  runtime: none\n  containers: 10", 6, 15, "scenario.containers", "set by each probe of the search" },
        { "    strategy: [per-layer, common-parent]", "    arrivals: [burst]", 9, 16, "candidates.grid.arrivals", "set by each probe of the search" },
        { "find: [burst, rate]", "find: [burst, sprint]", 13, 15, "find[1]", "expected burst or rate, got 'sprint'" },
        { "from: 4, max: 64", "from: 128, max: 64", 14, 8, "burst", "from: 128 is above max: 64" },
        { "from: 4, max: 64", "from: 4.5, max: 64", 14, 8, "burst", "from: and max: of a burst are numbers of containers" },
        { "sustain: 5s", "sustain: soon", 15, 36, "rate.sustain", "expected a duration" },
        { "{min: 2, max: 4}", "{min: 5, max: 4}", 16, 15, "replications", "min: 5 is above max: 4" },
        { "  aws-r5.metal: 3.5", "  aws-r5.metal: -1", 18, 17, "prices.aws-r5.metal", "expected a number" },
        { "  aws-r5.metal: 3.5", "  aws-r6.metal: 3.5", 18, 3, "prices.aws-r6.metal", "no candidate runs on 'aws-r6.metal'" },
        { "seed: 7", "seed: 7\nconfidance: 0.9", 3, 1, "confidance", "unknown key 'confidance'; did you mean 'confidence'?" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenPlanSaysWhereAndWhat(string valid, string broken, int line, int column, string field, string problem)
    {
        Assert.Contains(valid, Valid, StringComparison.Ordinal);

        var e = Assert.ThrowsAny<InputFileException>(() => PlanYamlReader.Parse(Valid.Replace(valid, broken, StringComparison.Ordinal), "p.yaml"));

        Assert.Equal(("p.yaml", line, column, field), (e.File, e.Line, e.Column, e.Field));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APlanNeedsAnObjective()
    {
        var e = Assert.ThrowsAny<InputFileException>(() => PlanYamlReader.Parse("name: x\nscenario: {topology: aws-r5.metal}\n", "p.yaml"));

        Assert.Equal("objective", e.Field);
    }
}
