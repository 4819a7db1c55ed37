using System.Diagnostics;
using MountSim.Engine.Random;

namespace MountSim.Benchmarking;

/// <summary>
/// The yardstick for the engine: the same lock-contention model written as one hand-rolled loop
/// over .NET's <see cref="PriorityQueue{TElement, TPriority}"/> (../shared/reference/des-engines.md 4.4):
/// two event kinds, the lock a flag plus a queue, no statistics beyond the two sums. Run in the
/// same process as the engine, it turns the engine's speed into a ratio that does not depend on
/// the machine.
/// </summary>
public static class SpecialPurposeLoop
{
    public static double AcquisitionsPerSecond(EngineBenchmarkOptions options)
    {
        var random = new RandomStreams(options.Seed).Stream("special-purpose-loop");
        var think = options.ThinkMeanMilliseconds;
        var hold = options.HoldMeanMilliseconds;
        var queue = new PriorityQueue<int, Key>();
        var waiting = new Queue<int>();
        long sequence = 0, acquisitions = 0;
        var busy = false;

        // Elements are worker ids; a negative id -1 - w means "worker w finished holding".
        for (var worker = 0; worker < options.Workers; worker++)
        {
            queue.Enqueue(worker, new Key(Exponential(random, think), sequence++));
        }

        var stopwatch = Stopwatch.StartNew();
        while (acquisitions < options.Acquisitions && queue.TryDequeue(out var id, out var key))
        {
            if (id >= 0 && busy)
            {
                waiting.Enqueue(id);
                continue;
            }

            if (id < 0)
            {
                queue.Enqueue(-1 - id, new Key(key.Time + Exponential(random, think), sequence++));
                if (!waiting.TryDequeue(out id))
                {
                    busy = false;
                    continue;
                }
            }

            busy = true;
            acquisitions++;
            queue.Enqueue(-1 - id, new Key(key.Time + Exponential(random, hold), sequence++));
        }

        stopwatch.Stop();
        return acquisitions / stopwatch.Elapsed.TotalSeconds;
    }

    private readonly record struct Key(double Time, long Sequence) : IComparable<Key>
    {
        public int CompareTo(Key other) =>
            Time < other.Time ? -1 : Time > other.Time ? 1 : Sequence.CompareTo(other.Sequence);
    }

    private static double Exponential(RandomStream random, double mean) => -mean * Math.Log(1.0 - random.NextUnit());
}
