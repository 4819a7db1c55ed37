using MountSim.Calibration;
using MountSim.Kernel.Profiles;

namespace MountSim.Tests.Calibration;

public sealed class MeasuredPathWalkTests
{
    private static readonly KernelProfile Shipped = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    [Fact]
    public void TheProbesIdleMedianBecomesThePathWalkCostWithItsSource()
    {
        MeasuredConfiguration Run(string id, double? idleP50) => new(
            id, "per-layer", 8, 1, 10, Fit: false, new LatencySummary(400, 900, 420, 10), new Dictionary<string, LatencySummary>(),
            idleP50 is { } p50 ? new LatencySummary(p50, p50 * 2, p50, 1000) : null);

        var measured = Calibrator.WithMeasuredPathWalk(Shipped, [Run("a", 1.1), Run("b", 1.3), Run("c", null), Run("d", 1.2)], "measured by a test");

        Assert.NotNull(measured);
        Assert.Equal(1_200, measured.Value.PathWalkNs, precision: 6);
        Assert.Equal(1_200, measured.Value.Profile.Parameters.PathWalkNs, precision: 6);
        Assert.StartsWith("measured by a test: median of 3 idle p50s", measured.Value.Profile.ParameterList.Single(p => p.Key == "path_walk").Source, StringComparison.Ordinal);
        Assert.Null(Calibrator.WithMeasuredPathWalk(Shipped, [Run("c", null)], "nothing"));
    }

    [Fact]
    public void AMeasurementFileKeepsThePathWalkLatency()
    {
        var configuration = new MeasuredConfiguration("a", "common-parent", 8, 1, 10, Fit: true, new LatencySummary(200, 300, 210, 10), new Dictionary<string, LatencySummary>(), new LatencySummary(1.1, 2.5, 1.2, 500));
        var measurements = new Measurements(new MeasuredHost("6.18", 2, null), [configuration]);

        var read = MeasurementsJson.Parse(MeasurementsJson.ToJson(measurements), "m.json");

        Assert.Equal(new LatencySummary(1.1, 2.5, 1.2, 500), read.Configurations[0].PathWalkIdleUs);
    }
}
