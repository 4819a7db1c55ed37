using System.Diagnostics;
using MountSim.Engine.Statistics;

namespace MountSim.Calibration.Harness;

/// <summary>
/// One worker's latencies in microseconds: each call by name, and each whole container setup. Recording
/// allocates nothing once a call has been seen (in the untimed warm-up): every histogram spans all
/// latencies a call can take from the start, so none grows inside a timed setup.
/// </summary>
internal sealed class SyscallTimings
{
    /// <summary>The latencies every histogram spans from the start: 1 ns to 1000 s.</summary>
    private const double ShortestUs = 1e-3;
    private const double LongestUs = 1e9;

    private static readonly double MicrosecondsPerTick = 1e6 / Stopwatch.Frequency;

    private readonly Dictionary<string, Histogram> _byCall = new(StringComparer.Ordinal);

    public Histogram Setup { get; } = Spanning();

    public static double Microseconds(long ticks) => ticks * MicrosecondsPerTick;

    /// <summary>Records the call <paramref name="name"/> that started at <paramref name="start"/> and has just returned.</summary>
    public void Record(string name, long start)
    {
        var elapsed = Stopwatch.GetTimestamp() - start;
        if (!_byCall.TryGetValue(name, out var histogram))
        {
            histogram = Spanning();
            _byCall.Add(name, histogram);
        }

        histogram.Record(Microseconds(elapsed));
    }

    /// <summary>Forgets the warm-up setup (JIT and first-touch costs are not the kernel's).</summary>
    public void Clear()
    {
        Setup.Clear();
        foreach (var histogram in _byCall.Values)
        {
            histogram.Clear();
        }
    }

    public void MergeInto(Histogram setup, Dictionary<string, Histogram> byCall)
    {
        setup.Merge(Setup);
        foreach (var (name, histogram) in _byCall)
        {
            if (!byCall.TryGetValue(name, out var total))
            {
                total = new Histogram();
                byCall.Add(name, total);
            }

            total.Merge(histogram);
        }
    }

    /// <summary>An empty histogram whose buckets already cover <see cref="ShortestUs"/> to <see cref="LongestUs"/> (clearing keeps them).</summary>
    private static Histogram Spanning()
    {
        var histogram = new Histogram();
        histogram.Record(ShortestUs);
        histogram.Record(LongestUs);
        histogram.Clear();
        return histogram;
    }
}
