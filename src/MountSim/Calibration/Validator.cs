using MathNet.Numerics.Statistics;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Reporting;

namespace MountSim.Calibration;

/// <summary>How well a profile predicts measured configurations, held out from its fit or all of them.</summary>
public static class Validator
{
    public static IReadOnlyList<Prediction> Predict(IReadOnlyList<MeasuredConfiguration> configurations, KernelProfile profile, Topology topology, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        var scenarios = configurations.Select(c => HarnessSetup.Scenario(c, profile, topology)).ToList();
        return [.. configurations.Zip(HarnessSetup.Predict(configurations, scenarios, profile, seed), (c, p) => new Prediction(
            c,
            p.SetupUs,
            HarnessSetup.MeasuredRecipes(c, profile).ToDictionary(m => m.Key, m => p.CallUs[m.Value], StringComparer.Ordinal)))];
    }

    /// <summary>The median of the absolute relative errors of every p50 and p99.</summary>
    public static double MedianAbsoluteError(IReadOnlyList<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return predictions.SelectMany(p => new[] { Math.Abs(p.P50Error), Math.Abs(p.P99Error) }).Median();
    }

    /// <summary>Predicted against measured p50 and p99 on log axes, with the y = x line a perfect prediction lies on.</summary>
    public static LineChart Chart(IReadOnlyList<Prediction> predictions, string profileName)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        static List<LinePoint> Points(IEnumerable<(double Measured, double Predicted)> pairs) =>
            [.. pairs.OrderBy(p => p.Measured).Select(p => new LinePoint(p.Measured, p.Predicted, double.NaN, double.NaN))];
        var p50 = Points(predictions.Select(p => (p.Measured.P50, p.Predicted.P50)));
        var p99 = Points(predictions.Select(p => (p.Measured.P99, p.Predicted.P99)));
        var all = p50.Concat(p99).ToList();
        var low = Math.Min(all.Min(p => p.X), all.Min(p => p.Mean));
        var high = Math.Max(all.Max(p => p.X), all.Max(p => p.Mean));
        return new LineChart(
            $"Predicted vs measured setup latency ({profileName})",
            "measured (us)",
            "predicted (us)",
            [
                new LineSeries("p50 of each configuration", p50, MarkersOnly: true),
                new LineSeries("p99 of each configuration", p99, MarkersOnly: true),
                new LineSeries("y = x", [new LinePoint(low, low, double.NaN, double.NaN), new LinePoint(high, high, double.NaN, double.NaN)]),
            ],
            LogX: true,
            LogY: true);
    }
}
