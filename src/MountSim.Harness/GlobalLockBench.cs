using System.Diagnostics;
using MountSim.Hardware;

namespace MountSim.Calibration.Harness;

/// <summary>
/// A global-lock microbenchmark after Netflix's global-lock-bench: pinned threads take one contended
/// test-and-test-and-set spinlock (on its own cache line, with a pause in the wait loop) around a
/// one-increment critical section; the figure is the mean time per critical section at each thread count.
/// </summary>
public static class GlobalLockBench
{
    private const int LockLine = 0;
    private const int CounterLine = 1;

    /// <summary>Runs <paramref name="threads"/> threads placed by <paramref name="placement"/> for <paramref name="duration"/>.</summary>
    public static LockBenchResult Run(Topology topology, PlacementPolicy placement, int threads, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var cpus = placement.Place(topology, threads).Select(t => t.OsCpu).ToList();
        var lines = new CacheLines(2);
        var acquisitions = new long[threads];
        var stop = false;
        var elapsed = TimeSpan.Zero;
        PinnedThreads.Run(
            cpus,
            "lockbench",
            i => () =>
            {
                var taken = 0L;
                while (!Volatile.Read(ref stop))
                {
                    Acquire(ref lines[LockLine]);
                    lines[CounterLine]++;
                    Volatile.Write(ref lines[LockLine], 0);
                    taken++;
                }

                acquisitions[i] = taken;
            },
            whileRunning: () =>
            {
                var start = Stopwatch.GetTimestamp();
                Thread.Sleep(duration);
                Volatile.Write(ref stop, true);
                elapsed = Stopwatch.GetElapsedTime(start);
            });

        var total = acquisitions.Sum();
        return total != lines[CounterLine]
            ? throw new HarnessException($"the lock let {total - lines[CounterLine]} increments of {total} race; the benchmark's lock is broken.")
            : new LockBenchResult(threads, total, elapsed);
    }

    // Test-and-test-and-set: spin reading the line (shared, no traffic) until it looks free, then one atomic try.
    private static void Acquire(ref long word)
    {
        while (Interlocked.CompareExchange(ref word, 1, 0) != 0)
        {
            while (Volatile.Read(ref word) != 0)
            {
                Thread.SpinWait(1);
            }
        }
    }
}
