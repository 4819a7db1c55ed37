using MountSim.Engine.Random;
using MountSim.Sensitivity;

namespace MountSim.Tests.Sensitivity;

/// <summary>The Sobol' sequence is Joe and Kuo's, point for point, and a digital shift keeps its balance.</summary>
public sealed class SobolSequenceTests
{
    [Theory]
    [InlineData(1, 512, 512, 512, 512, 512)]
    [InlineData(4, 384, 384, 640, 128, 896)]
    [InlineData(7, 128, 640, 384, 896, 128)]
    [InlineData(100, 424, 264, 792, 344, 136)]
    [InlineData(1023, 1, 771, 627, 327, 715)]
    public void PointsMatchAnIndependentJoeKuoGenerator(int point, double first, double second, double third, double twentieth, double fortieth)
    {
        // SciPy 1.10's scipy.stats.qmc.Sobol(d=40, scramble=False).random(1024), which reads new-joe-kuo-6.21201
        // itself and also walks in Gray-code order; its coordinates times 1,024 in dimensions 1, 2, 3, 20 and 40.
        var points = SobolSequence.Points(1024, SobolSequence.MaxDimensions);

        Assert.Equal([first, second, third, twentieth, fortieth], new[] { 0, 1, 2, 19, 39 }.Select(j => points[point][j] * 1024));
    }

    [Fact]
    public void TheFirstPointIsTheOrigin()
    {
        Assert.All(SobolSequence.Points(1, 40)[0], x => Assert.Equal(0, x));
    }

    [Fact]
    public void AShiftedSequenceStillPutsOnePointInEachOfTwoToTheMIntervalsOfEveryDimension()
    {
        const int Count = 256;

        var points = SobolSequence.ShiftedPoints(Count, SobolSequence.MaxDimensions, new RandomStreams(5).Stream("sobol"));

        for (var j = 0; j < SobolSequence.MaxDimensions; j++)
        {
            Assert.Equal(Enumerable.Range(0, Count), points.Select(p => (int)(p[j] * Count)).Order());
        }

        Assert.DoesNotContain(points, p => p.All(x => x == 0));
    }

    [Fact]
    public void TooManyDimensionsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => SobolSequence.Points(8, 41));

        Assert.Contains("1 to 40 dimensions", error.Message, StringComparison.Ordinal);
    }
}
