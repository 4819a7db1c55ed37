using System.Globalization;
using System.Text;

namespace MountSim.Hardware;

/// <summary>The Linux cpu-list notation (<c>0-3,8,10-11</c>) used by sysfs, cpusets and taskset.</summary>
public static class CpuList
{
    /// <summary>Parses a cpu list into ascending, distinct CPU numbers; an empty string is the empty set.</summary>
    /// <exception cref="FormatException">A part is not a number or a range <c>a-b</c> with a &lt;= b.</exception>
    public static IReadOnlyList<int> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cpus = new SortedSet<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                cpus.Add(ParseCpu(raw, text));
                continue;
            }

            var first = ParseCpu(raw[..dash], text);
            var last = ParseCpu(raw[(dash + 1)..], text);
            if (last < first)
            {
                throw new FormatException($"'{raw}' in cpu list '{text}' is a descending range.");
            }

            for (var cpu = first; cpu <= last; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return [.. cpus];
    }

    /// <summary>Formats CPUs as a cpu list, with ranges for consecutive runs: <c>0-23,48-71</c>.</summary>
    public static string Format(IEnumerable<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var sorted = cpus.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{sorted[i]}");
            if (j > i)
            {
                text.Append(CultureInfo.InvariantCulture, $"-{sorted[j]}");
            }

            i = j + 1;
        }

        return text.ToString();
    }

    private static int ParseCpu(string part, string whole) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var cpu)
            ? cpu
            : throw new FormatException($"'{part}' in cpu list '{whole}' is not a CPU number.");
}
