using System.Diagnostics;
using MountSim.Engine.Statistics;

namespace MountSim.Calibration.Harness;

/// <summary>One worker's latencies in microseconds: each call by name, and each whole container setup.</summary>
internal sealed class SyscallTimings
{
    private static readonly double MicrosecondsPerTick = 1e6 / Stopwatch.Frequency;

    private readonly Dictionary<string, Histogram> _byCall = new(StringComparer.Ordinal);

    public Histogram Setup { get; } = new();

    public static double Microseconds(long ticks) => ticks * MicrosecondsPerTick;

    /// <summary>Records the call <paramref name="name"/> that started at <paramref name="start"/> and has just returned.</summary>
    public void Record(string name, long start)
    {
        var elapsed = Stopwatch.GetTimestamp() - start;
        if (!_byCall.TryGetValue(name, out var histogram))
        {
            histogram = new Histogram();
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
}
