using System.Globalization;
using System.Text;

namespace MountSim.Calibration.Harness;

/// <summary>
/// <see cref="GlobalLockBench"/>'s results as <c>mountsim harness lockbench</c> writes them: a table, one row per
/// thread count as it finishes, and a tidy CSV (threads, ns_per_critical_section, acquisitions_per_second).
/// </summary>
public static class LockBenchWriter
{
    public const string CsvHeader = "threads,ns_per_critical_section,acquisitions_per_second";

    /// <summary>The table's header line (no newline): the placement and the duration of each thread count.</summary>
    public static string TableHeader(string placement, string duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{"threads",7} {"ns/critical section",20} {"acquisitions/s",15}  ({placement}, {duration} each)");

    /// <summary>One thread count's row of the table (no newline).</summary>
    public static string TableRow(LockBenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(CultureInfo.InvariantCulture, $"{result.Threads,7} {result.NsPerCriticalSection,20:F1} {result.AcquisitionsPerSecond,15:F0}");
    }

    public static string ToCsv(IEnumerable<LockBenchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in results)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Threads},{r.NsPerCriticalSection:R},{r.AcquisitionsPerSecond:R}\n");
        }

        return csv.ToString();
    }
}
