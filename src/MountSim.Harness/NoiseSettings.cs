namespace MountSim.Calibration.Harness;

/// <summary>What <c>mountsim harness noise</c> was asked: how long each CPU spun, the detour threshold, the CPUs.</summary>
public sealed record NoiseSettings(double DurationS, double ThresholdNs, IReadOnlyList<int> Cpus);
