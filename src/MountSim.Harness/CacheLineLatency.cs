using System.Diagnostics;
using System.Globalization;
using MountSim.Hardware;

namespace MountSim.Calibration.Harness;

/// <summary>
/// One-way cache-line transfer latency between two pinned CPUs, by ping-pong on one line: each thread
/// waits for the other's value and answers with the next, so a round trip moves the line twice.
/// </summary>
public static class CacheLineLatency
{
    /// <summary>Round trips timed together as one sample: long enough to dwarf the clock read, short enough to sample often.</summary>
    public const int RoundTripsPerSample = 200;

    /// <summary>Samples thrown away first, while the line, the threads and the core clocks settle.</summary>
    public const int WarmupSamples = 5;

    /// <summary>Up to this many pairs per class when not measuring all pairs.</summary>
    public const int PairsPerClass = 4;

    /// <summary>
    /// Per distance class that exists here (self excluded), the pooled one-way samples of its measured
    /// pairs: all pairs, or up to <see cref="PairsPerClass"/> spread over the class.
    /// </summary>
    public static IReadOnlyList<ClassLatency> MeasureClasses(Topology topology, bool allPairs, int samples)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var results = new List<ClassLatency>();
        foreach (var distance in topology.ExistingClasses().Where(d => d != DistanceClass.Self))
        {
            var pairs = PairsOf(topology, distance);
            if (!allPairs && pairs.Count > PairsPerClass)
            {
                pairs = [.. Enumerable.Range(0, PairsPerClass).Select(i => pairs[i * pairs.Count / PairsPerClass])];
            }

            var pooled = pairs.SelectMany(p => MeasurePair(p.CpuA, p.CpuB, samples)).Order().ToArray();
            results.Add(new ClassLatency(distance, pairs.Count, samples, Quantile(pooled, 0.5), Quantile(pooled, 0.1), Quantile(pooled, 0.9)));
        }

        return results;
    }

    /// <summary>
    /// <paramref name="topology"/> with the measured classes' latencies (rounded to 0.1 ns) in place of
    /// its own, each citing this measurement; classes not measured keep their figure and source.
    /// </summary>
    public static Topology WithMeasured(Topology topology, IReadOnlyList<ClassLatency> measured, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(measured);
        var latencies = topology.Latencies;
        var sources = new Dictionary<string, string>(topology.Sources, StringComparer.Ordinal);
        foreach (var m in measured)
        {
            var ns = Math.Round(m.MedianNs, 1);
            latencies = m.Distance switch
            {
                DistanceClass.SmtSibling => latencies with { SmtSiblingNs = ns },
                DistanceClass.SameLlc => latencies with { SameLlcNs = ns },
                DistanceClass.SameSocket => latencies with { SameSocketNs = ns },
                DistanceClass.CrossSocket => latencies with { CrossSocketNs = ns },
                _ => throw new ArgumentOutOfRangeException(nameof(measured), m.Distance, "only transfer classes are measured"),
            };
            sources["latency." + LatencyTable.KeyOf(m.Distance)] = string.Create(
                CultureInfo.InvariantCulture,
                $"measured by mountsim harness c2c on {date:yyyy-MM-dd}: {m.Pairs} {(m.Pairs == 1 ? "pair" : "pairs")}, median of {m.SamplesPerPair} samples (p10 {m.P10Ns:F1}, p90 {m.P90Ns:F1} ns)");
        }

        // A measured class is no longer the placeholder its range was given for.
        var replaced = measured.Select(m => "latency." + LatencyTable.KeyOf(m.Distance)).ToHashSet(StringComparer.Ordinal);
        return new Topology(topology.Spec with { Latencies = latencies, Sources = sources, UncertainFigures = [.. topology.UncertainFigures.Where(f => !replaced.Contains(f.Key))] });
    }

    /// <summary>One-way transfer latencies (round trip / 2) in ns, one per sample, between OS CPUs <paramref name="cpuA"/> and <paramref name="cpuB"/>.</summary>
    public static double[] MeasurePair(int cpuA, int cpuB, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var line = new CacheLines(1);
        var oneWayNs = new double[samples];
        HarnessException? failure = null;

        // Set when a side cannot pin, so the other stops waiting; only read while spinning, so the line stays shared.
        var abandoned = false;

        Thread StartPinned(int cpu, Action body)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    ThreadAffinity.PinCurrentThread(cpu);
                    body();
                }
                catch (HarnessException e)
                {
                    failure = e;
                    Volatile.Write(ref abandoned, true);
                }
            })
            { IsBackground = true, Name = $"c2c cpu {cpu}" };
            thread.Start();
            return thread;
        }

        // Waits until the line holds `expected`; false when the partner gave up.
        bool Await(long expected)
        {
            while (Volatile.Read(ref line[0]) != expected)
            {
                if (Volatile.Read(ref abandoned))
                {
                    return false;
                }
            }

            return true;
        }

        var trips = (long)(WarmupSamples + samples) * RoundTripsPerSample;
        var answerer = StartPinned(cpuB, () =>
        {
            for (var n = 1L; n < 2 * trips && Await(n); n += 2)
            {
                Volatile.Write(ref line[0], n + 1);
            }
        });
        var pinger = StartPinned(cpuA, () =>
        {
            var n = 0L;
            for (var sample = -WarmupSamples; sample < samples; sample++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var trip = 0; trip < RoundTripsPerSample; trip++, n += 2)
                {
                    Volatile.Write(ref line[0], n + 1);
                    if (!Await(n + 2))
                    {
                        return;
                    }
                }

                if (sample >= 0)
                {
                    oneWayNs[sample] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / (2.0 * RoundTripsPerSample);
                }
            }
        });
        pinger.Join();
        answerer.Join();
        return failure is null ? oneWayNs : throw failure;
    }

    private static List<(int CpuA, int CpuB)> PairsOf(Topology topology, DistanceClass distance)
    {
        var threads = topology.Threads;
        var pairs = new List<(int, int)>();
        for (var a = 0; a < threads.Count; a++)
        {
            for (var b = a + 1; b < threads.Count; b++)
            {
                if (topology.DistanceBetween(a, b) == distance)
                {
                    pairs.Add((threads[a].OsCpu, threads[b].OsCpu));
                }
            }
        }

        return pairs;
    }

    // Nearest rank on sorted samples.
    private static double Quantile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
