using System.Globalization;
using System.Text;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The measurements as a tidy table: one row per strategy x measurement x statistic, with the
/// configuration repeated on each row so any row stands alone.
/// </summary>
public static class HarnessCsvWriter
{
    public const string Header = "strategy,layers,threads,measurement,statistic,value";

    public static string ToCsv(HarnessMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var c in measurements.Configurations)
        {
            void Row(string measurement, string statistic, double value) =>
                csv.Append(CultureInfo.InvariantCulture, $"{c.Strategy},{c.Layers},{c.Threads},{measurement},{statistic},{value.ToString("R", CultureInfo.InvariantCulture)}\n");

            void Stats(string measurement, LatencyStats s)
            {
                Row(measurement, "p50", s.P50);
                Row(measurement, "p90", s.P90);
                Row(measurement, "p99", s.P99);
                Row(measurement, "max", s.Max);
                Row(measurement, "mean", s.Mean);
                Row(measurement, "count", s.Count);
            }

            // What was asked for, beside the setups done: a timed run's count is not known in advance.
            if (measurements.Options.DurationS is { } asked)
            {
                Row("duration_s", "requested", asked);
            }
            else if (measurements.Options.Iterations is { } iterations)
            {
                Row("iterations", "requested", iterations);
            }

            Row("setups", "value", c.Setups);
            Row("setups_per_second", "value", c.SetupsPerSecond);
            Stats("setup_latency_us", c.SetupLatencyUs);
            foreach (var (name, stats) in c.SyscallLatencyUs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Stats($"syscall_latency_us.{name}", stats);
            }

            Stats("path_walk_idle_us", c.PathWalkIdleUs);
            Stats("path_walk_churn_us", c.PathWalkChurnUs);
            if (c.Mountinfo is { } mountinfo)
            {
                Stats("mountinfo_read_us", mountinfo.ReadUs);
                Stats("mountinfo_lines", mountinfo.Lines);
            }
        }

        return csv.ToString();
    }
}
