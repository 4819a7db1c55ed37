namespace MountSim.Calibration.Harness;

/// <summary>
/// One CPU's detours in a <see cref="SelfishDetour"/> run. Detour lengths are in ns, 0 when the CPU had none.
/// </summary>
/// <param name="RunningS">Seconds the loop ran, detours excluded.</param>
/// <param name="Detours">Every detour seen, also those past <see cref="SelfishDetour.MaxLengthsPerCpu"/>.</param>
/// <param name="Capped">More detours than <see cref="SelfishDetour.MaxLengthsPerCpu"/>: the quantiles are of the first ones only.</param>
public sealed record CpuNoise(int Cpu, double RunningS, long Detours, double DetoursPerSecond, double P50Ns, double P99Ns, double MaxNs, bool Capped);
