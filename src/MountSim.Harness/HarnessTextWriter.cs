using System.Globalization;
using System.Text;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The measurements as the summary <c>mountsim harness run</c> prints: the host and the run's shape, then per
/// strategy setups/s, setup and path-walk latencies and each mount call's median, then the checks.
/// </summary>
public static class HarnessTextWriter
{
    public static string ToText(HarnessMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var m = measurements;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"Kernel {m.Host.Kernel}, {m.Host.CpuModel ?? "unknown CPU"}, CPUs {m.Host.Cpus}; {m.Options.Layers} layers, {m.Options.Threads} thread(s), {m.Options.Filesystem}.");
        Line($"{"strategy",-14} {"setups/s",10} {"setup p50",11} {"p99",11} {"walk idle p50",14} {"churn p50",10} {"churn p99",10}  (µs)");
        foreach (var c in m.Configurations)
        {
            Line($"{c.Strategy,-14} {c.SetupsPerSecond,10:F0} {c.SetupLatencyUs.P50,11:F1} {c.SetupLatencyUs.P99,11:F1} {c.PathWalkIdleUs.P50,14:F2} {c.PathWalkChurnUs.P50,10:F2} {c.PathWalkChurnUs.P99,10:F2}");
            Line($"  {string.Join(", ", c.SyscallLatencyUs.Select(p => FormattableString.Invariant($"{p.Key} {p.Value.P50:F1}")))}");
            if (c.GcCollections > 0)
            {
                Line($"  {c.GcCollections} garbage collection(s) of the harness while timing: their pauses sit in some timings (a shorter run avoids them)");
            }
        }

        Line($"merged trees identical: {m.MergedTreesIdentical}; ownership shifted: {m.OwnershipShifted}.");
        return text.ToString();
    }
}
