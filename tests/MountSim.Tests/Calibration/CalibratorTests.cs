using MountSim.Calibration;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Support;

namespace MountSim.Tests.Calibration;

public sealed class CalibratorTests(ITestOutputHelper output)
{
    [Fact]
    public void AFitRecoversTheKnownCostsOfSyntheticMeasurements()
    {
        var shipped = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);
        var topology = SyntheticTopologies.Mesh(16);
        var measurements = SyntheticHarness.Measure(SyntheticHarness.TrueProfile(shipped), topology, SyntheticHarness.Configurations(), noise: 0.03, noiseSeed: 11);

        var result = Calibrator.Fit(measurements, shipped, topology, "fitted by a test", new CalibrationOptions(Seed: SyntheticHarness.Seed, MaxIterations: 600, Tolerance: 1e-7));

        foreach (var p in result.Parameters)
        {
            output.WriteLine($"{p.Key}: start {p.Start}, fitted {p.Fitted}, true {SyntheticHarness.Truth.GetValueOrDefault(p.Key, p.Start)}; {p.Note}");
        }

        output.WriteLine($"rms log error {result.RmsLogError:F4}, {result.Evaluations} evaluations, {result.WallSeconds:F1} s");
        foreach (var (key, truth) in SyntheticHarness.Truth)
        {
            var fitted = result.Parameters.Single(p => p.Key == key);
            Assert.True(fitted.Identifiable, $"{key}: {fitted.Note}");
            Assert.InRange(fitted.Fitted / truth, 0.9, 1.1);
        }

        // The configurations held out of the fit (other thread counts and mixes) are predicted well too.
        var heldOut = measurements.Configurations.Where(c => !c.Fit).ToList();
        var predictions = Validator.Predict(heldOut, result.Profile, topology, SyntheticHarness.Seed);
        var error = Validator.MedianAbsoluteError(predictions);
        output.WriteLine($"held out: {heldOut.Count} configurations, median absolute relative error {error:P1}");
        Assert.Equal(4, heldOut.Count);
        Assert.True(error < 0.05, $"median absolute relative error {error:P1} on held-out configurations");
    }
}
