using MountSim.Hardware;

namespace MountSim.Calibration.Harness;

/// <summary>Measured one-way cache-line transfer latency of one distance class, in ns, over <see cref="Pairs"/> CPU pairs.</summary>
public sealed record ClassLatency(DistanceClass Distance, int Pairs, int SamplesPerPair, double MedianNs, double P10Ns, double P90Ns);
