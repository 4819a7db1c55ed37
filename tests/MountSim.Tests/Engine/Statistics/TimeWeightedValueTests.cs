using MountSim.Engine.Statistics;

namespace MountSim.Tests.Engine.Statistics;

public sealed class TimeWeightedValueTests
{
    [Fact]
    public void MeanIsTheAreaUnderTheStepFunctionOverElapsedTime()
    {
        // Level 0 on [0, 10), 2 on [10, 30), 1 on [30, 40): area 0 + 40 + 10 = 50 over 40.
        var value = new TimeWeightedValue();
        value.Update(10, 2);
        value.Update(30, 1);

        Assert.Equal(1.25, value.Mean(40), 12);
        Assert.Equal(2, value.Max);
        Assert.Equal(1, value.Current);

        // Level 1 continues to 60: area 70 over 60.
        Assert.Equal(70.0 / 60, value.Mean(60), 12);
    }

    [Fact]
    public void StartTimeAndInitialLevelAreHonoured()
    {
        // Starts at 100 with level 3; 5 on [120, 150): area 3 * 20 + 5 * 30 = 210 over 50.
        var value = new TimeWeightedValue(100, 3);

        Assert.Equal(3, value.Mean(100));
        Assert.Equal(3, value.Mean(110));

        value.Update(120, 5);

        Assert.Equal(4.2, value.Mean(150), 12);
        Assert.Equal(5, value.Max);
    }

    [Fact]
    public void SeveralUpdatesAtOneInstantCountOnlyTheLast()
    {
        // Level 1 on [0, 10); 9 then 4 at 10 (zero width); 4 on [10, 20): area 50 over 20.
        var value = new TimeWeightedValue(0, 1);
        value.Update(10, 9);
        value.Update(10, 4);

        Assert.Equal(2.5, value.Mean(20), 12);
        Assert.Equal(9, value.Max);
    }

    [Fact]
    public void ResetStartsAfreshKeepingTheCurrentLevel()
    {
        var value = new TimeWeightedValue();
        value.Update(10, 8);
        value.Update(20, 2);

        value.Reset(30);

        Assert.Equal(2, value.Mean(30));
        Assert.Equal(2, value.Max);

        // 2 on [30, 40), 6 on [40, 50): area 80 over 20.
        value.Update(40, 6);
        Assert.Equal(4, value.Mean(50), 12);
        Assert.Equal(6, value.Max);
    }
}
