using System.Globalization;

namespace MountSim.Text;

/// <summary>
/// Durations for people: nanoseconds shown in the largest unit that keeps them at least 1, three
/// significant digits; and read back from a number with a unit (ns, us or µs, ms, s, m).
/// </summary>
public static class Durations
{
    private static readonly (string Suffix, double Ns)[] Units = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9)];

    /// <summary>Reads <c>46.6ns</c>, <c>1.2us</c>, <c>0.5ms</c>, <c>2s</c> or <c>2m</c>; false for anything else, a bare number included.</summary>
    public static bool TryParseNanoseconds(string text, out double ns)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (suffix, unit) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value))
            {
                ns = value * unit;
                return true;
            }
        }

        ns = 0;
        return false;
    }

    public static string Format(double ns)
    {
        var (value, unit) = Math.Abs(ns) switch
        {
            >= 1e9 => (ns / 1e9, "s"),
            >= 1e6 => (ns / 1e6, "ms"),
            >= 1e3 => (ns / 1e3, "us"),
            _ => (ns, "ns"),
        };
        return Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture) + " " + unit;
    }
}
