namespace MountSim.Planning;

/// <summary>A boundary search's answer.</summary>
/// <param name="Boundary">The largest load probed at which the objective holds; 0 when it held at none.</param>
/// <param name="Breaks">The smallest load probed at which it does not hold; null when it held up to the search's maximum.</param>
/// <param name="Probes">Every load probed, in order, with its verdict.</param>
public sealed record SearchOutcome(double Boundary, double? Breaks, IReadOnlyList<(double Load, ProbeVerdict Verdict)> Probes);
