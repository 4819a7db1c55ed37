namespace MountSim.Sensitivity.Studies;

/// <summary>
/// What one simulation of a study ran and measured: each varied figure's value (in the configuration's order of
/// figures, as set: whole numbers rounded) and each output (NaN where the run gave none, such as a latency when no
/// start finished), with its cost.
/// </summary>
public sealed record StudySimulation(SimulationKey Key, IReadOnlyList<double> Figures, IReadOnlyList<double> Outputs, double SimulatedSeconds, long Events);
