using MountSim.Engine.Statistics;

namespace MountSim.Engine.Statistics;

/// <summary>What every resource records: waits and holds (ns), queue length and utilization (time-weighted).</summary>
public sealed class ResourceStatistics
{
    public long Acquisitions { get; internal set; }

    /// <summary>Time from request to grant, in ns; immediate grants count as zero.</summary>
    public Histogram WaitTime { get; } = new();

    /// <summary>Time from grant to release, in ns.</summary>
    public Histogram HoldTime { get; } = new();

    /// <summary>Number of clients waiting.</summary>
    public TimeWeightedValue QueueLength { get; } = new();

    /// <summary>Fraction of the resource in use: busy units / capacity, or 1 while a lock is held at all.</summary>
    public TimeWeightedValue Utilization { get; } = new();

    /// <summary>Forgets what was recorded before <paramref name="now"/> (warm-up deletion); levels carry on.</summary>
    public void Reset(long now)
    {
        Acquisitions = 0;
        WaitTime.Clear();
        HoldTime.Clear();
        QueueLength.Reset(now);
        Utilization.Reset(now);
    }
}
