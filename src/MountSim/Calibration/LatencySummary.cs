namespace MountSim.Calibration;

/// <summary>A latency distribution as the harness reports it, in microseconds, over <see cref="Count"/> samples.</summary>
public sealed record LatencySummary(double P50, double P99, double Mean, long Count);
