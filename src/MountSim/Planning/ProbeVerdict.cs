namespace MountSim.Planning;

/// <summary>What one probe (a candidate at one load) found.</summary>
/// <param name="Holds">Whether the objective holds there.</param>
/// <param name="Clear">Whether the replications made it statistically clear, or the means decided at the replication cap.</param>
/// <param name="Replications">Runs it took.</param>
/// <param name="Means">Each term's mean over the runs that measured it.</param>
/// <param name="Binding">The term that decided: the one broken, or, when all hold, the one nearest its bound.</param>
public sealed record ProbeVerdict(bool Holds, bool Clear, int Replications, IReadOnlyList<double> Means, int Binding);
