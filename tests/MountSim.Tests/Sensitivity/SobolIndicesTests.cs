using MountSim.Engine.Random;
using MountSim.Sensitivity;

namespace MountSim.Tests.Sensitivity;

/// <summary>
/// Saltelli's design and the Saltelli 2010 / Jansen 1999 estimators recover the Ishigami function's analytic indices.
/// N = 1,024 base rows: 5,120 evaluations of a cheap function and 1,000 bootstrap resamples, about 10 ms. Over 50
/// seeds at this size the worst error was 0.031 (root mean square 0.015 for S1, 0.002 for ST), where N = 512 reached
/// 0.037 and N = 256 0.10; so 0.05 held for every seed tried, yet fails an estimator that is wrong by a term.
/// </summary>
public sealed class SobolIndicesTests
{
    private const double A = 7;
    private const double B = 0.1;

    private static readonly FactorSpace Cube = new([new("x1", -Math.PI, Math.PI), new("x2", -Math.PI, Math.PI), new("x3", -Math.PI, Math.PI)]);

    [Fact]
    public void TheAnalyticIshigamiIndicesAreTheKnownOnes()
    {
        var (first, total) = IshigamiIndices();

        Assert.Equal([0.3139, 0.4424, 0], first, (x, y) => Math.Abs(x - y) < 1e-4);
        Assert.Equal([0.5576, 0.4424, 0.2437], total, (x, y) => Math.Abs(x - y) < 1e-4);
    }

    [Fact]
    public void IshigamiIndicesAreRecoveredWithinTheirIntervalsAndWithinFiveHundredthsOfTheAnalyticValues()
    {
        var design = SaltelliDesign.Create(Cube, 1024, Stream("design"));
        var (first, total) = IshigamiIndices();

        var result = SobolAnalysis.Analyze(design, [.. design.Points.Select(p => Ishigami(p.Values))], new Bootstrap(1000, 0.95), Stream("bootstrap"));

        for (var i = 0; i < 3; i++)
        {
            var estimate = result.Indices[i];
            Assert.True(Math.Abs(estimate.FirstOrder - first[i]) < 0.05, $"{estimate}: S1 should be {first[i]:F4}");
            Assert.True(Math.Abs(estimate.Total - total[i]) < 0.05, $"{estimate}: ST should be {total[i]:F4}");
            Assert.True(estimate.FirstOrderInterval.Contains(estimate.FirstOrder) && estimate.FirstOrderInterval.Contains(first[i]), $"{estimate}: S1's interval");
            Assert.True(estimate.TotalInterval.Contains(estimate.Total) && estimate.TotalInterval.Contains(total[i]), $"{estimate}: ST's interval");
            Assert.Equal(0.95, estimate.TotalInterval.Level);
        }

        Assert.Equal(["x1", "x2", "x3"], result.Ranking.Select(r => r.Factor));
        Assert.Equal(1024, result.BaseSamples);
    }

    [Fact]
    public void TheDesignIsARowOfAEachABAndBPerBaseSample()
    {
        var design = SaltelliDesign.Create(Cube, 8, Stream("design"));

        Assert.Equal(8 * 5, design.Points.Count);
        Assert.Equal(Enumerable.Range(0, 40), design.Points.Select(p => p.Index));
        for (var j = 0; j < 8; j++)
        {
            var (a, b) = (design.Points[design.IndexOfA(j)].Values, design.Points[design.IndexOfB(j)].Values);
            Assert.All(Enumerable.Range(0, 3), k => Assert.NotEqual(a[k], b[k]));
            for (var i = 0; i < 3; i++)
            {
                var ab = design.Points[design.IndexOfAB(j, i)].Values;
                Assert.Equal(Enumerable.Range(0, 3).Select(k => k == i ? b[k] : a[k]), ab);
            }
        }
    }

    [Fact]
    public void TheSameStreamGivesTheSamePointsAndIntervals()
    {
        var first = SaltelliDesign.Create(Cube, 64, Stream("design"));
        var again = SaltelliDesign.Create(Cube, 64, Stream("design"));
        var other = SaltelliDesign.Create(Cube, 64, new RandomStreams(19).Stream("design"));
        double[] outputs = [.. first.Points.Select(p => Ishigami(p.Values))];

        Assert.Equal(first.Points.SelectMany(p => p.Values), again.Points.SelectMany(p => p.Values));
        Assert.NotEqual(first.Points.SelectMany(p => p.Values), other.Points.SelectMany(p => p.Values));
        Assert.Equal(
            SobolAnalysis.Analyze(first, outputs, new Bootstrap(200), Stream("bootstrap")).Indices,
            SobolAnalysis.Analyze(again, outputs, new Bootstrap(200), Stream("bootstrap")).Indices);
    }

    [Fact]
    public void AConstantOutputHasNoVarianceToShareAndItsIndicesAreNaN()
    {
        var design = SaltelliDesign.Create(Cube, 16, Stream("design"));

        var result = SobolAnalysis.Analyze(design, [.. design.Points.Select(_ => 0.1)], new Bootstrap(50), Stream("bootstrap"));

        Assert.Equal(0, result.Variance);
        Assert.All(result.Indices, i => Assert.True(double.IsNaN(i.FirstOrder) && double.IsNaN(i.Total) && double.IsNaN(i.TotalInterval.Low)));
    }

    [Fact]
    public void BadInputIsRejectedWithTheReason()
    {
        var design = SaltelliDesign.Create(Cube, 8, Stream("design"));
        var many = new FactorSpace(Enumerable.Range(0, 21).Select(i => new Factor($"f{i}", 0, 1)));

        Assert.Contains("at least 8 base samples", Assert.Throws<ArgumentException>(() => SaltelliDesign.Create(Cube, 4, Stream("design"))).Message, StringComparison.Ordinal);
        Assert.Contains("512 or 1024 would do", Assert.Throws<ArgumentException>(() => SaltelliDesign.Create(Cube, 1000, Stream("design"))).Message, StringComparison.Ordinal);
        Assert.Contains("at most 20 factors", Assert.Throws<ArgumentException>(() => SaltelliDesign.Create(many, 8, Stream("design"))).Message, StringComparison.Ordinal);
        Assert.Contains("needs 40 outputs", Assert.Throws<ArgumentException>(() => SobolAnalysis.Analyze(design, new double[39], new Bootstrap(), Stream("bootstrap"))).Message, StringComparison.Ordinal);
    }

    /// <summary>Ishigami and Homma (1990): sin x1 + a sin^2 x2 + b x3^4 sin x1.</summary>
    private static double Ishigami(IReadOnlyList<double> x) => Math.Sin(x[0]) + (A * Math.Pow(Math.Sin(x[1]), 2)) + (B * Math.Pow(x[2], 4) * Math.Sin(x[0]));

    /// <summary>The analytic indices for x uniform on [-pi, pi]^3 (Sobol' and Levitan 1999): only x1 and x3 interact.</summary>
    private static (double[] First, double[] Total) IshigamiIndices()
    {
        var pi4 = Math.Pow(Math.PI, 4);
        var pi8 = Math.Pow(Math.PI, 8);
        var v1 = 0.5 * Math.Pow(1 + (B * pi4 / 5), 2);
        var v2 = A * A / 8;
        var v13 = B * B * pi8 * (1.0 / 18 - 1.0 / 50);
        var v = v1 + v2 + v13;
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v]);
    }

    private static RandomStream Stream(string purpose) => new RandomStreams(18).Stream(purpose);
}
