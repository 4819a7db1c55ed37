namespace MountSim.Kernel.PathWalks;

/// <summary>
/// The host's background path lookups (every open, stat and exec): how often each hardware
/// thread starts one, how long an undisturbed RCU walk takes, and what a restart in ref-walk
/// mode adds when a mount_lock write happened during the walk.
/// </summary>
public sealed record PathWalkParameters(double PerCpuPerSecond, double WalkNs, double RefWalkPenaltyNs)
{
    /// <summary>Lookups per ns on one hardware thread.</summary>
    public double PerCpuPerNs => PerCpuPerSecond / 1e9;
}
