using MountSim.Hardware;

namespace MountSim.Benchmarking;

/// <summary>One run of the lock benchmark, all but its thread count.</summary>
public sealed record LockBenchOptions
{
    public required Topology Topology { get; init; }

    public LockBenchLockKind Lock { get; init; } = LockBenchLockKind.Qspinlock;

    /// <summary>The increment's own work besides fetching the counter's line (ns).</summary>
    public double CriticalSectionNs { get; init; } = 2;

    /// <summary>The run ends at this acquisition.</summary>
    public long Acquisitions { get; init; } = 20_000;

    public PlacementPolicy Placement { get; init; } = PlacementPolicy.Spread;

    public ulong Seed { get; init; } = 42;
}
