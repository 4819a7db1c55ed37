namespace MountSim.Benchmarking;

/// <summary>One sweep of the global-lock microbenchmark in the model: its settings and a point per thread count.</summary>
public sealed record LockBenchSummary(LockBenchOptions Options, IReadOnlyList<LockBenchPoint> Points)
{
    /// <summary>Runs the benchmark once per count in <paramref name="threadCounts"/>, in that order.</summary>
    public static LockBenchSummary Sweep(LockBenchOptions options, IEnumerable<int> threadCounts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(threadCounts);
        return new(options, [.. threadCounts.Select(t => LockBench.Run(options, t))]);
    }

    /// <summary>The lock's name as the kernel calls it.</summary>
    public string LockName => Options.Lock == LockBenchLockKind.Ticket ? "ticket" : "qspinlock";
}
