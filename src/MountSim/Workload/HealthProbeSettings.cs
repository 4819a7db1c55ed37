namespace MountSim.Workload;

/// <summary>
/// How the host checks itself: <see cref="Probes"/> probe threads, each every <see cref="IntervalNs"/>
/// making <see cref="PathWalks"/> lookups and, with <see cref="ReadsMountinfo"/>, a whole mountinfo
/// read; slower than <see cref="TimeoutNs"/> is a failure. Defaults: one probe a second with three
/// lookups and a mountinfo read, failing past the incident's 30 s (../shared/reference/incident.md 2.3); kubelet's own
/// defaults are a 10 s period and a 1 s timeout [REC].
/// </summary>
public sealed record HealthProbeSettings(int Probes = 1, double IntervalNs = 1e9, int PathWalks = 3, bool ReadsMountinfo = true, double TimeoutNs = 30e9)
{
    public static HealthProbeSettings None { get; } = new(Probes: 0);
}
