namespace MountSim.Planning;

/// <summary>
/// What one simulation of a plan measured: each objective term's metric (NaN where the run stopped early on
/// another term, whose figures then cover only what ran), the term whose breach stopped it, and its cost.
/// </summary>
public sealed record ProbeRun(ProbeKey Key, IReadOnlyList<double> Values, int? StoppedBy, double SimulatedSeconds, long Events);
