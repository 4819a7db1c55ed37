namespace MountSim.Hardware;

/// <summary>Where the requests for one contended cache line are serialized.</summary>
public enum CoherenceKind
{
    /// <summary>One home agent per line serves one request at a time (Intel mesh CHA/TOR, Arm CMN).</summary>
    Centralized,

    /// <summary>Served inside the LLC domain when a copy is there; only cross-domain requests reach the directory (AMD).</summary>
    Distributed,
}
