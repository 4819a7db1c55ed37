using System.Globalization;
using MountSim.Hardware;

namespace MountSim.Calibration.Harness;

/// <summary><c>harness c2c</c>'s table: one-way cache-line latency per distance class, median and spread over the pairs measured.</summary>
public static class ClassLatencyTextWriter
{
    public static IEnumerable<string> Lines(IReadOnlyList<ClassLatency> measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        yield return Line($"{"class",-13} {"pairs",5} {"median",8} {"p10",8} {"p90",8}  (ns, one way)");
        foreach (var m in measured)
        {
            yield return Line($"{LatencyTable.KeyOf(m.Distance),-13} {m.Pairs,5} {m.MedianNs,8:F1} {m.P10Ns,8:F1} {m.P90Ns,8:F1}");
        }

        if (measured.Count == 0)
        {
            yield return "No two CPUs to measure between on this host.";
        }
    }
}
