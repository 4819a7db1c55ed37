namespace MountSim.Tests.Support;

/// <summary>Assertions for simulated estimates against analytic values.</summary>
internal static class StatisticalAssert
{
    /// <summary>
    /// The interval must contain the analytic value and be narrower than
    /// <paramref name="maxRelativeHalfWidth"/> of it: a wide interval would contain almost anything.
    /// </summary>
    public static void Covers(double expected, ConfidenceInterval interval, string what, double maxRelativeHalfWidth = 0.05)
    {
        // Shown with the test's output, so a reader sees how close the estimate came.
        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: analytic {expected:G6}, simulated {interval}");
        Assert.True(
            interval.HalfWidth < maxRelativeHalfWidth * Math.Abs(expected),
            $"{what}: the confidence interval {interval} is too wide to test against {expected:G6}.");
        Assert.True(
            interval.Contains(expected),
            $"{what}: the analytic value {expected:G6} lies outside the simulation's 95% confidence interval {interval}.");
    }
}
