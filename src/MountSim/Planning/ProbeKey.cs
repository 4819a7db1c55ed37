using System.Globalization;

namespace MountSim.Planning;

/// <summary>One simulation of a plan: a candidate, searched for a burst or a rate, at one load, one replication.</summary>
public sealed record ProbeKey(int Candidate, SearchKind Kind, double Load, int Replication)
{
    /// <summary>The load as files write it: whole containers, or the rate's shortest round-trip decimal.</summary>
    public string LoadText => Load.ToString("R", CultureInfo.InvariantCulture);
}
