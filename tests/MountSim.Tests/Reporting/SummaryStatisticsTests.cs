using MountSim.Reporting;

namespace MountSim.Tests.Reporting;

public sealed class SummaryStatisticsTests
{
    [Fact]
    public void MeanSpreadAndStudentIntervalMatchHandComputedValues()
    {
        // 2, 4, 6, 8: mean 5, sample sd sqrt(20/3) = 2.581989; t(0.975, 3) = 3.182446; half-width 3.182446 x 2.581989 / 2 = 4.108520.
        var s = SummaryStatistics.Of([2, 4, 6, 8]);

        Assert.Equal(4, s.Count);
        Assert.Equal(5, s.Mean, precision: 12);
        Assert.Equal(Math.Sqrt(20.0 / 3), s.StandardDeviation, precision: 12);
        Assert.Equal(5 - 4.108520, s.Low, precision: 5);
        Assert.Equal(5 + 4.108520, s.High, precision: 5);
        Assert.Equal(5, s.P50, precision: 12);
        Assert.InRange(s.P5, 2, 2.5);
        Assert.InRange(s.P95, 7.5, 8);
    }

    [Fact]
    public void OneReplicationHasNoSpreadAndUndefinedValuesAreLeftOut()
    {
        var one = SummaryStatistics.Of([3, double.NaN]);

        Assert.Equal((1, 3.0), (one.Count, one.Mean));
        Assert.True(double.IsNaN(one.StandardDeviation) && double.IsNaN(one.Low) && double.IsNaN(one.High));
        Assert.Equal(0, SummaryStatistics.Of([double.NaN]).Count);
    }
}
