using MountSim.Engine.Random;
using MountSim.Sensitivity;

namespace MountSim.Tests.Sensitivity;

/// <summary>
/// Morris screening ranks factors by mu* and tells non-linear or interacting ones by sigma. Trajectory counts are the
/// textbook's 10 to 20: an additive model's effects are exact at any count, and 20 is ample to show a sigma above 0.
/// </summary>
public sealed class MorrisTests
{
    private static readonly FactorSpace FourUnitFactors = new([new("x1", 0, 1), new("x2", 0, 1), new("x3", 0, 1), new("x4", 0, 1)]);

    [Fact]
    public void AnAdditiveModelIsRankedByItsCoefficientsWithMuStarEqualToThemAndNoSpread()
    {
        var design = MorrisDesign.Create(FourUnitFactors, 10, Stream(1));

        var result = MorrisAnalysis.Analyze(design, Evaluate(design, x => (10 * x[0]) + (5 * x[1]) + (1 * x[2]) + (0 * x[3])));

        Assert.Equal(["x1", "x2", "x3", "x4"], result.Ranking.Select(e => e.Factor));
        Assert.Equal([10.0, 5.0, 1.0, 0.0], result.Effects.Select(e => e.MuStar), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal([10.0, 5.0, 1.0, 0.0], result.Effects.Select(e => e.Mu), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.All(result.Effects, e => Assert.True(e.Sigma < 1e-9, $"{e.Factor}: sigma {e.Sigma}"));
    }

    [Fact]
    public void ANonLinearOrInteractingFactorHasSigmaAboveZeroAndALinearOneNone()
    {
        var design = MorrisDesign.Create(FourUnitFactors, 20, Stream(2));

        var result = MorrisAnalysis.Analyze(design, Evaluate(design, x => x[0] + (4 * x[1] * x[1]) + (4 * x[2] * x[3])));

        Assert.True(result.Effects[0].Sigma < 1e-9, $"x1 (linear, alone): sigma {result.Effects[0].Sigma}");
        Assert.All(result.Effects.Skip(1), e => Assert.True(e.Sigma > 0.1, $"{e.Factor}: sigma {e.Sigma}"));
    }

    [Fact]
    public void EffectsArePerWholeRangeSoFactorsOfDifferentUnitsCompare()
    {
        // 10 per unit over [0, 1], 0.1 per unit over [0, 100], and log10 over three decades: effects 10, 10 and 3.
        var space = new FactorSpace([new("unit", 0, 1), new("percent", 0, 100), new("rate", 1, 1000, logScale: true)]);
        var design = MorrisDesign.Create(space, 10, Stream(3));

        var result = MorrisAnalysis.Analyze(design, Evaluate(design, x => (10 * x[0]) + (0.1 * x[1]) + Math.Log10(x[2])));

        Assert.Equal([10.0, 10.0, 3.0], result.Effects.Select(e => e.MuStar), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void EachTrajectoryMovesOneFactorAtATimeByDeltaOnTheGrid()
    {
        var design = MorrisDesign.Create(FourUnitFactors, 5, Stream(4));

        Assert.Equal(5 * 5, design.Points.Count);
        Assert.Equal(Enumerable.Range(0, 25), design.Points.Select(p => p.Index));
        Assert.Equal(2.0 / 3, design.Delta);
        Assert.All(design.Points, p => Assert.All(p.Values, x => Assert.Equal(Math.Round(x * 3), x * 3, 1e-12)));
        for (var t = 0; t < 5; t++)
        {
            var moved = new List<int>();
            for (var k = 1; k <= 4; k++)
            {
                var (before, after) = (design.Points[(t * 5) + k - 1].Values, design.Points[(t * 5) + k].Values);
                var changed = Enumerable.Range(0, 4).Where(i => before[i] != after[i]).ToList();
                Assert.Single(changed);
                Assert.Equal(2.0 / 3, Math.Abs(after[changed[0]] - before[changed[0]]), 1e-12);
                moved.Add(changed[0]);
            }

            Assert.Equal([0, 1, 2, 3], moved.Order());
        }
    }

    [Fact]
    public void TheBootstrapIntervalHoldsMuStarAndIsDeterministicForAStream()
    {
        var design = MorrisDesign.Create(FourUnitFactors, 20, Stream(5));
        var outputs = Evaluate(design, x => (3 * x[0] * x[0]) + x[1] + (2 * x[2] * x[3]));

        var result = MorrisAnalysis.Analyze(design, outputs, new Bootstrap(500, 0.9), Stream(6));
        var again = MorrisAnalysis.Analyze(design, outputs, new Bootstrap(500, 0.9), Stream(6));

        Assert.All(result.Effects, e => Assert.True(e.MuStarInterval!.Value.Contains(e.MuStar), $"{e.Factor}: {e.MuStar} outside {e.MuStarInterval}"));
        Assert.True(result.Effects[0].MuStarInterval!.Value.High > result.Effects[0].MuStarInterval!.Value.Low, "x1's effects vary, so must its mu*'s interval");
        Assert.Equal(result.Effects, again.Effects);
        Assert.Null(MorrisAnalysis.Analyze(design, outputs).Effects[0].MuStarInterval);
    }

    [Fact]
    public void OneVectorPerPointGivesOneResultPerOutput()
    {
        var design = MorrisDesign.Create(FourUnitFactors, 10, Stream(7));
        var vectors = design.Points.Select(p => (IReadOnlyList<double>)[2 * p.Values[3], -p.Values[0]]).ToList();

        var results = OutputColumns.FromVectors(vectors).Select(column => MorrisAnalysis.Analyze(design, column)).ToList();

        Assert.Equal(["x4", "x1"], results.Select(r => r.Ranking[0].Factor));
        Assert.Equal(-1, results[1].Effects[0].Mu, 1e-9);
        Assert.Equal(1, results[1].Effects[0].MuStar, 1e-9);
    }

    [Fact]
    public void TheSameStreamGivesTheSameDesign()
    {
        var first = MorrisDesign.Create(FourUnitFactors, 8, Stream(9)).Points.SelectMany(p => p.Values);
        var again = MorrisDesign.Create(FourUnitFactors, 8, Stream(9)).Points.SelectMany(p => p.Values);
        var other = MorrisDesign.Create(FourUnitFactors, 8, Stream(10)).Points.SelectMany(p => p.Values);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void BadInputIsRejectedWithTheReason()
    {
        var design = MorrisDesign.Create(FourUnitFactors, 2, Stream(11));

        Assert.Contains("at least 2 trajectories", Assert.Throws<ArgumentException>(() => MorrisDesign.Create(FourUnitFactors, 1, Stream(1))).Message, StringComparison.Ordinal);
        Assert.Contains("even number of levels", Assert.Throws<ArgumentException>(() => MorrisDesign.Create(FourUnitFactors, 4, Stream(1), levels: 5)).Message, StringComparison.Ordinal);
        Assert.Contains("needs 10 outputs", Assert.Throws<ArgumentException>(() => MorrisAnalysis.Analyze(design, new double[9])).Message, StringComparison.Ordinal);
        var withNaN = new double[10];
        withNaN[3] = double.NaN;
        Assert.Contains("point 3 is NaN", Assert.Throws<ArgumentException>(() => MorrisAnalysis.Analyze(design, withNaN)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 2 resamples", Assert.Throws<ArgumentException>(() => new Bootstrap(1)).Message, StringComparison.Ordinal);
        Assert.Contains("strictly between 0 and 1", Assert.Throws<ArgumentException>(() => new Bootstrap(100, 95)).Message, StringComparison.Ordinal);
    }

    private static double[] Evaluate(MorrisDesign design, Func<IReadOnlyList<double>, double> model) => [.. design.Points.Select(p => model(p.Values))];

    private static RandomStream Stream(long index) => new RandomStreams(18).Stream("morris", index);
}
