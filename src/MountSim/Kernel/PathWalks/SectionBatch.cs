namespace MountSim.Kernel.PathWalks;

/// <summary>
/// Write sections of one kind that a closed-form loop made, settled together: <see cref="Count"/> sections of
/// <see cref="LengthNs"/>, each preceded by a gap since the section before it ended, of which
/// <see cref="InFlightNs"/> (at most a walk) ends in flight and <see cref="QuietNs"/> does not;
/// <see cref="OvertakenShare"/> of the sections are followed by a gap shorter than a walk, which overtakes the
/// lookups they released, and those spin again for <see cref="SpinAgainNs"/> on average.
/// </summary>
public readonly record struct SectionBatch(long Count, double LengthNs, double InFlightNs, double QuietNs, double OvertakenShare, double SpinAgainNs);
