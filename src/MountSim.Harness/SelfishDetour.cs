using System.Diagnostics;
using System.Runtime.CompilerServices;
using MountSim.Hardware;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The selfish-detour noise probe (Beckman et al., "The influence of operating systems on the performance
/// of collective operations at extreme scale", 2006): a thread pinned to each CPU, all started together,
/// reads the clock back to back; a gap between two reads longer than the threshold is time the CPU spent
/// on something else (timer tick, interrupt, kernel thread, hypervisor exit), a detour. See <see cref="HostNoise"/>.
/// </summary>
public static class SelfishDetour
{
    /// <summary>Detour lengths kept per CPU (8 MB each); detours past it are still counted and their time still lost.</summary>
    public const int MaxLengthsPerCpu = 1_000_000;

    /// <summary>The shortest threshold: below it, a clock read itself (tens of ns, more on a VM) could pass for a detour.</summary>
    public const double MinThresholdNs = 100;

    /// <summary>How long each CPU spins before the measured run.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500);

    /// <summary>Spins on each of <paramref name="cpus"/> (OS CPU numbers) for <paramref name="duration"/>.</summary>
    /// <exception cref="HarnessException">A thread could not be pinned to its CPU.</exception>
    public static NoiseMeasurement Measure(Topology topology, IReadOnlyList<int> cpus, TimeSpan duration, double thresholdNs)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(cpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(cpus.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(thresholdNs, MinThresholdNs);
        var durationTicks = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var thresholdTicks = (long)(thresholdNs * Stopwatch.Frequency / 1e9);
        var runs = new Run[cpus.Count];
        PinnedThreads.Run(
            cpus,
            "noise",
            i =>
            {
                // Allocated and written once here, so no page fault of our own lands in the loop as a detour.
                var lengths = new long[MaxLengthsPerCpu];
                Array.Fill(lengths, -1);
                return () =>
                {
                    // A warm-up first, thrown away: a freshly started process still compiles and collects in the
                    // background for a while, and the probe would report that as the host's noise.
                    Spin(lengths, (long)(WarmUp.TotalSeconds * Stopwatch.Frequency), thresholdTicks);
                    runs[i] = Spin(lengths, durationTicks, thresholdTicks);
                };
            },
            whileRunning: () => { });

        var perCpu = new List<CpuNoise>(cpus.Count);
        var pooled = new List<double>();
        for (var i = 0; i < cpus.Count; i++)
        {
            var run = runs[i];
            var kept = run.Lengths.Take((int)Math.Min(run.Detours, MaxLengthsPerCpu)).Select(Ns).Order().ToArray();
            pooled.AddRange(kept);

            // At least one tick: the clock read that ended the last detour ran on this CPU.
            var runningS = Math.Max(run.ElapsedTicks - run.LostTicks, 1) / (double)Stopwatch.Frequency;
            perCpu.Add(new CpuNoise(
                cpus[i],
                runningS,
                run.Detours,
                run.Detours / runningS,
                kept.Length == 0 ? 0 : Quantile(kept, 0.5),
                kept.Length == 0 ? 0 : Quantile(kept, 0.99),
                Ns(run.MaxTicks),
                run.Detours > MaxLengthsPerCpu));
        }

        var all = pooled.Order().ToArray();
        var detours = perCpu.Sum(c => c.Detours);
        return new NoiseMeasurement(
            HarnessHost.Of(HostRequirements.KernelRelease(), topology),
            new NoiseSettings(duration.TotalSeconds, thresholdNs, [.. cpus]),
            perCpu,
            detours == 0 ? 0 : detours / perCpu.Sum(c => c.RunningS),
            all.Length == 0 ? [thresholdNs] : [.. Enumerable.Range(0, NoiseMeasurement.Quantiles).Select(i => Quantile(all, (i + 0.5) / NoiseMeasurement.Quantiles))]);
    }

    // Fully optimised from the first iteration: a tier-up swap mid-loop would itself show as a detour.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Run Spin(long[] lengths, long durationTicks, long thresholdTicks)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + durationTicks;
        var last = start;
        long detours = 0, lost = 0, max = 0;
        while (last < end)
        {
            var now = Stopwatch.GetTimestamp();
            var gap = now - last;
            if (gap > thresholdTicks)
            {
                if (detours < lengths.Length)
                {
                    lengths[detours] = gap;
                }

                detours++;
                lost += gap;
                max = Math.Max(max, gap);
            }

            last = now;
        }

        return new Run(last - start, detours, lost, max, lengths);
    }

    private static double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;

    // Nearest rank on sorted samples.
    private static double Quantile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private readonly record struct Run(long ElapsedTicks, long Detours, long LostTicks, long MaxTicks, long[] Lengths);
}
