namespace MountSim.Sensitivity;

/// <summary>
/// One point a design asks to evaluate: its index (where its output goes in the list given to the analysis) and
/// each factor's value in real units, in the space's order. Points are independent of each other, so a caller may
/// evaluate them in any order, in parallel, or over several sessions, keeping outputs by index.
/// </summary>
public sealed record SamplePoint(int Index, IReadOnlyList<double> Values);
