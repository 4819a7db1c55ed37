namespace MountSim.Calibration;

/// <summary>A latency distribution as the harness reports it, in microseconds, over <see cref="Count"/> samples; <see cref="P90"/> is NaN where a file did not give it.</summary>
public sealed record LatencySummary(double P50, double P99, double Mean, long Count, double P90 = double.NaN);
