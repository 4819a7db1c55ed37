namespace MountSim.Benchmarking;

/// <summary>
/// The canonical lock-contention model of ../shared/reference/des-engines.md section 4.1, with its unit
/// of time read as one millisecond: workers think Exp(10 ms), take one FIFO lock and hold it
/// Exp(0.2 ms); the run stops at the given acquisition.
/// </summary>
public sealed record EngineBenchmarkOptions
{
    public int Workers { get; init; } = 64;

    public double ThinkMeanMilliseconds { get; init; } = 10;

    public double HoldMeanMilliseconds { get; init; } = 0.2;

    public long Acquisitions { get; init; } = 2_000_000;

    public ulong Seed { get; init; } = 42;
}
