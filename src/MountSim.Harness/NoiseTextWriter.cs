using System.Globalization;
using MountSim.Text;

namespace MountSim.Calibration.Harness;

/// <summary><c>harness noise</c>'s table: a row per CPU (detours per second of running, p50, p99 and max), then the pooled figures.</summary>
public static class NoiseTextWriter
{
    /// <summary>The table's lines; <paramref name="duration"/> is how long each CPU was watched, as the user wrote it.</summary>
    public static IEnumerable<string> Lines(NoiseMeasurement measurement, string duration, double thresholdNs)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        yield return Line($"{"cpu",4} {"detours/s",10} {"p50",10} {"p99",10} {"max",10}  (detour ns; {duration} per CPU, threshold {Durations.Format(thresholdNs)})");
        foreach (var c in measurement.Cpus)
        {
            yield return Line($"{c.Cpu,4} {c.DetoursPerSecond,10:F1} {c.P50Ns,10:F0} {c.P99Ns,10:F0} {c.MaxNs,10:F0}{(c.Capped ? $"  (over {SelfishDetour.MaxLengthsPerCpu} detours: quantiles of the first ones)" : string.Empty)}");
        }

        var noise = measurement.ToHostNoise();
        yield return measurement.DetoursPerSecond == 0
            ? Line($"No detour above {Durations.Format(thresholdNs)} on any CPU.")
            : Line($"all  {measurement.DetoursPerSecond:F1} detours/s, mean detour {Durations.Format(noise.Detours.Mean)}, {noise.Share * 100:F3}% of time lost.");
    }
}
