using MountSim.Reporting;
using ScottPlot;

namespace MountSim.Tests.Reporting;

public sealed class LogTicksTests
{
    [Fact]
    public void DecadesAreLabelledWithTheirRealValues()
    {
        Assert.Equal(["10", "100", "1000"], MajorLabels(1, 3));
    }

    [Fact]
    public void LessThanTwoDecadesAlsoLabelsTwoAndFiveTimesADecade()
    {
        Assert.Equal(["20", "50", "100", "200", "500"], MajorLabels(Math.Log10(15), Math.Log10(600)));
    }

    [Fact]
    public void VeryLargeAndVerySmallValuesUseExponents()
    {
        Assert.Equal(["1e-6", "0.0001", "0.01", "1", "100", "10000", "1e6"], MajorLabels(-6, 6));
    }

    private static string[] MajorLabels(double low, double high)
    {
        var ticks = new LogTicks();
        using var paint = Paint.NewDisposablePaint();
        ticks.Regenerate(new CoordinateRange(low, high), Edge.Left, new PixelLength(400), paint, new LabelStyle());
        return [.. ticks.Ticks.Where(tick => tick.IsMajor).Select(tick => tick.Label)];
    }
}
