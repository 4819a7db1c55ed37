namespace MountSim.Planning;

/// <summary>
/// How a boundary is searched: from <paramref name="From"/>, doubling while the objective holds (up to
/// <paramref name="Max"/>) or halving while it does not, then bisecting until the interval between the largest
/// value that holds and the smallest that does not is narrower than <paramref name="Resolution"/> of the former
/// (and, for a burst, than one container).
/// </summary>
/// <param name="SustainNs">With <see cref="SearchKind.Rate"/>: how long the arrivals go on; a probe at rate R starts ceil(R x sustain) containers.</param>
public sealed record BoundarySearchSettings(double From, double Max, double Resolution, double SustainNs)
{
    /// <summary>The smallest rate a rate search halves down to (starts per second) before it says the host takes none.</summary>
    public const double MinRate = 0.01;
}
