namespace MountSim.Calibration;

/// <summary>
/// What the model gives for one harness configuration, in microseconds: the setups' latency and each
/// call's, by recipe name (<see cref="HarnessSetup.MeasuredRecipes"/> maps the harness's names to these).
/// </summary>
public sealed record SimulatedSetups(LatencySummary SetupUs, IReadOnlyDictionary<string, LatencySummary> CallUs);
