namespace MountSim.Kernel.PathWalks;

/// <summary>How the background lookups are simulated.</summary>
public enum PathWalkMode
{
    /// <summary>Settled in closed form once per mount_lock write section: for any size of host.</summary>
    ClosedForm,

    /// <summary>One event per lookup: for small cases and for checking the closed form.</summary>
    PerLookup,
}
