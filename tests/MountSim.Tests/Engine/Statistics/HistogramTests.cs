using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Engine.Statistics;

namespace MountSim.Tests.Engine.Statistics;

public sealed class HistogramTests
{
    private const int SampleCount = 200_000;

    // Quantiles as thousandths, so the exact rank ceil(q n) is computed in integers.
    private static readonly int[] Permilles = [500, 900, 990, 999];

    public static TheoryData<string> DataSets => ["lognormal", "exponential", "many-magnitudes", "with-zeros"];

    [Theory]
    [MemberData(nameof(DataSets))]
    public void QuantilesAreWithinOnePercentOfExactSampleQuantiles(string dataSet)
    {
        var values = Generate(dataSet, SampleCount, 11);
        var histogram = new Histogram();
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        var sorted = values.OrderBy(v => v).ToArray();
        foreach (var permille in Permilles)
        {
            var exact = ExactQuantile(sorted, permille);
            var estimate = histogram.Quantile(permille / 1000.0);
            Assert.True(
                Math.Abs(estimate - exact) <= 0.01 * exact,
                $"{dataSet} p{permille / 10.0}: histogram {estimate:R}, exact {exact:R}");
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void CountSumMinMaxAreExactAndMeanAndVarianceMatchTwoPassValues(string dataSet)
    {
        var values = Generate(dataSet, SampleCount, 12);
        var histogram = new Histogram();
        var sum = 0.0;
        foreach (var value in values)
        {
            histogram.Record(value);
            sum += value;
        }

        var mean = sum / values.Length;
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        Assert.Equal(values.Length, histogram.Count);
        Assert.Equal(sum, histogram.Sum);
        Assert.Equal(values.Min(), histogram.Min);
        Assert.Equal(values.Max(), histogram.Max);
        Assert.Equal(values.Max(), histogram.Quantile(1));
        Assert.Equal(mean, histogram.Mean, mean * 1e-12);
        Assert.Equal(variance, histogram.Variance, variance * 1e-9);
        Assert.Equal(Math.Sqrt(variance), histogram.StandardDeviation, Math.Sqrt(variance) * 1e-9);
    }

    [Fact]
    public void ZerosAreExactQuantiles()
    {
        var histogram = new Histogram();
        for (var i = 0; i < 30; i++)
        {
            histogram.Record(0);
        }

        for (var i = 1; i <= 70; i++)
        {
            histogram.Record(i);
        }

        Assert.Equal(0, histogram.Quantile(0));
        Assert.Equal(0, histogram.Quantile(0.3));
        Assert.Equal(0, histogram.Min);

        // Rank 31 is the value 1, reported as its bucket's midpoint: within 0.4%.
        Assert.Equal(1, histogram.Quantile(0.31), 0.004);
    }

    [Fact]
    public void SmallExactHandComputedQuantiles()
    {
        // 1..10: p50 is the 5th value, p90 the 9th, p91 the 10th (ceil(9.1) = 10) which is the exact max.
        var histogram = new Histogram();
        foreach (var value in new[] { 7.0, 3, 10, 1, 5, 9, 2, 8, 6, 4 })
        {
            histogram.Record(value);
        }

        Assert.Equal(5, histogram.Quantile(0.5), 5 * 0.004);
        Assert.Equal(9, histogram.Quantile(0.9), 9 * 0.004);
        Assert.Equal(10, histogram.Quantile(0.91));
        Assert.Equal(1, histogram.Quantile(0), 0.004);
        Assert.Equal(55.0 / 6, histogram.Variance, 1e-12);
    }

    [Fact]
    public void MeanIsExactlyTheSumOverTheCount()
    {
        // The class documents its mean as exact: 55 / 10 is exactly 5.5 in binary floating point.
        var histogram = new Histogram();
        foreach (var value in new[] { 7.0, 3, 10, 1, 5, 9, 2, 8, 6, 4 })
        {
            histogram.Record(value);
        }

        Assert.Equal(55, histogram.Sum);
        Assert.Equal(5.5, histogram.Mean);
    }

    [Fact]
    public void MergeEqualsRecordingEverythingIntoOne()
    {
        // Disjoint ranges, so the merge must widen the bucket window downwards and upwards.
        var low = Generate("lognormal", 50_000, 21).Select(v => v * 1e-6).ToArray();
        var high = Generate("many-magnitudes", 50_000, 22);
        var middle = Generate("exponential", 50_000, 23);

        var all = new Histogram();
        var mergedInto = new Histogram();
        var parts = new[] { new Histogram(), new Histogram(), new Histogram() };
        var data = new[] { middle, low, high };
        for (var p = 0; p < data.Length; p++)
        {
            foreach (var value in data[p])
            {
                all.Record(value);
                parts[p].Record(value);
            }
        }

        mergedInto.Merge(parts[0]);
        mergedInto.Merge(parts[1]);
        mergedInto.Merge(new Histogram());
        mergedInto.Merge(parts[2]);

        Assert.Equal(all.Count, mergedInto.Count);
        Assert.Equal(all.Min, mergedInto.Min);
        Assert.Equal(all.Max, mergedInto.Max);
        Assert.Equal(all.Sum, mergedInto.Sum, all.Sum * 1e-12);
        Assert.Equal(all.Mean, mergedInto.Mean, all.Mean * 1e-12);
        Assert.Equal(all.Variance, mergedInto.Variance, all.Variance * 1e-9);
        for (var q = 0; q <= 1000; q++)
        {
            Assert.Equal(all.Quantile(q / 1000.0), mergedInto.Quantile(q / 1000.0));
        }
    }

    [Fact]
    public void MergeOfHandComputedHistogramsCombinesMoments()
    {
        // {1, 2, 3} and {10, 20}: n = 5, mean 36/5 = 7.2, sum of squared deviations
        // 6.2^2 + 5.2^2 + 4.2^2 + 2.8^2 + 12.8^2 = 38.44 + 27.04 + 17.64 + 7.84 + 163.84 = 254.8; variance 63.7.
        var first = new Histogram();
        var second = new Histogram();
        first.Record(1);
        first.Record(2);
        first.Record(3);
        second.Record(10);
        second.Record(20);

        first.Merge(second);

        Assert.Equal(5, first.Count);
        Assert.Equal(36, first.Sum);
        Assert.Equal(7.2, first.Mean, 1e-12);
        Assert.Equal(63.7, first.Variance, 1e-9);
        Assert.Equal(1, first.Min);
        Assert.Equal(20, first.Max);
    }

    [Fact]
    public void ClearForgetsValuesAndLaterValuesStandAlone()
    {
        var histogram = new Histogram();
        foreach (var value in Generate("many-magnitudes", 10_000, 31))
        {
            histogram.Record(value);
        }

        histogram.Clear();

        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Sum);
        Assert.True(double.IsNaN(histogram.Mean));
        Assert.True(double.IsNaN(histogram.Variance));
        Assert.True(double.IsNaN(histogram.Min));
        Assert.True(double.IsNaN(histogram.Max));
        Assert.True(double.IsNaN(histogram.Quantile(0.5)));

        histogram.Record(4);
        histogram.Record(8);

        Assert.Equal(2, histogram.Count);
        Assert.Equal(6, histogram.Mean);
        Assert.Equal(4, histogram.Min);
        Assert.Equal(8, histogram.Max);
        Assert.Equal(4, histogram.Quantile(0.5), 4 * 0.004);
    }

    [Fact]
    public void RecordingTenMillionValuesInACoveredRangeAllocatesNothing()
    {
        var random = new RandomStream(5);
        var histogram = new Histogram();

        // The first batch fixes the range, from 1 to 10^6, and warms the code paths up.
        histogram.Record(1);
        histogram.Record(1e6);
        RecordLogUniform(histogram, random, 100_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RecordLogUniform(histogram, random, 10_000_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_100_002, histogram.Count);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RecordRejectsNegativeAndNonFiniteValues(double value)
    {
        var histogram = new Histogram();

        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(value));
        Assert.Equal(0, histogram.Count);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void QuantileRejectsProbabilitiesOutsideZeroToOne(double q)
    {
        var histogram = new Histogram();
        histogram.Record(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Quantile(q));
    }

    [Fact]
    public void EmptyHistogramReportsNaN()
    {
        var histogram = new Histogram();

        Assert.Equal(0, histogram.Count);
        Assert.True(double.IsNaN(histogram.Quantile(0.5)));
        Assert.True(double.IsNaN(histogram.Mean));
    }

    private static void RecordLogUniform(Histogram histogram, RandomStream random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            histogram.Record(Math.Pow(10, 6 * random.NextUnit()));
        }
    }

    /// <summary>The smallest value with at least permille/1000 of the samples at or below it.</summary>
    private static double ExactQuantile(double[] sorted, int permille)
    {
        var rank = ((long)permille * sorted.Length + 999) / 1000;
        return sorted[Math.Max(rank, 1) - 1];
    }

    private static double[] Generate(string dataSet, int count, ulong seed)
    {
        var random = new RandomStream(seed);
        var lognormal = new LogNormalDistribution(10, 1.5);
        Func<double> next = dataSet switch
        {
            "lognormal" => () => lognormal.Sample(random),
            "exponential" => () => -1000 * Math.Log(1 - random.NextUnit()),

            // 10^-6 to 10^12: eighteen orders of magnitude.
            "many-magnitudes" => () => Math.Pow(10, -6 + (18 * random.NextUnit())),

            // A third zeros, the rest exponential.
            "with-zeros" => () => random.NextUnit() < 1.0 / 3 ? 0 : -50 * Math.Log(1 - random.NextUnit()),
            _ => throw new ArgumentOutOfRangeException(nameof(dataSet), dataSet, null),
        };
        return [.. Enumerable.Range(0, count).Select(_ => next())];
    }
}
