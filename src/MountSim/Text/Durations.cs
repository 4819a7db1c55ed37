using System.Globalization;

namespace MountSim.Text;

/// <summary>Durations for people: nanoseconds shown in the largest unit that keeps them at least 1, three significant digits.</summary>
public static class Durations
{
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
