using System.Globalization;

namespace MountSim.Benchmarking.Export;

/// <summary>A lock-bench sweep as a table: one row per thread count.</summary>
public static class LockBenchText
{
    public static string Write(LockBenchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var options = summary.Options;
        var lines = new List<string>
        {
            $"lockbench: {summary.LockName} on {options.Topology.Name} ({options.Topology.Threads.Count} hardware threads), " +
            $"{options.Placement.Name} placement, {options.Acquisitions} acquisitions per row",
            $"{"threads",8} {"ns/critical section",20} {"acquisitions/s",16}",
        };
        lines.AddRange(summary.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Threads,8} {p.NsPerCriticalSection,20:F1} {p.AcquisitionsPerSecond,16:E3}")));
        return string.Join(Environment.NewLine, lines);
    }
}
