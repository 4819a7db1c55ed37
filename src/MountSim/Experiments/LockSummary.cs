using MountSim.Engine.Statistics;
using MountSim.Hardware.Coherence;

namespace MountSim.Experiments;

/// <summary>
/// One of the kernel's locks over a run: acquisitions, waits and holds (ns), the share of time held,
/// its cache line's transfers and, for mount_lock, its handoffs, by distance class.
/// </summary>
public sealed record LockSummary(
    long Acquisitions,
    DistributionSummary Wait,
    DistributionSummary Hold,
    double Utilization,
    IReadOnlyList<long> LineTransfersByDistance,
    IReadOnlyList<long>? HandoffsByDistance)
{
    public static LockSummary Of(ResourceStatistics statistics, long now, ContendedLine line, IReadOnlyList<long>? handoffs)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(line);
        return new(
            statistics.Acquisitions,
            DistributionSummary.Of(statistics.WaitTime),
            DistributionSummary.Of(statistics.HoldTime),
            statistics.Utilization.Mean(now),
            line.TransfersByDistance,
            handoffs);
    }
}
