namespace MountSim.Calibration;

/// <summary>
/// A configuration's measured setup latency next to what a profile predicts for it, in microseconds, and
/// the predicted latency of each timed call the model has a recipe for, by the harness's name.
/// </summary>
public sealed record Prediction(MeasuredConfiguration Configuration, LatencySummary Predicted, IReadOnlyDictionary<string, LatencySummary> PredictedCalls)
{
    public LatencySummary Measured => Configuration.SetupLatencyUs;

    /// <summary>(predicted - measured) / measured of the p50.</summary>
    public double P50Error => (Predicted.P50 - Measured.P50) / Measured.P50;

    public double P99Error => (Predicted.P99 - Measured.P99) / Measured.P99;
}
