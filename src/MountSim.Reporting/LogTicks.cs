using System.Globalization;
using ScottPlot;

namespace MountSim.Reporting;

/// <summary>
/// Ticks for an axis that holds log10 of the data: labels show the real values (10, 100, 1000), majors at
/// decades, minors at 2..9 times a decade; when fewer than two decades show, 2 and 5 times a decade are labelled too.
/// </summary>
internal sealed class LogTicks : ITickGenerator
{
    private static readonly int[] Multiples = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 1000;

    public static void Use(IAxis axis) => axis.TickGenerator = new LogTicks();

    /// <summary>log10 of <paramref name="value"/>, or false where a log axis cannot show it.</summary>
    public static bool TryLog(double value, out double log)
    {
        log = Math.Log10(value);
        return value > 0 && double.IsFinite(log);
    }

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        var low = Math.Floor(range.Min);
        var high = Math.Ceiling(range.Max);
        var decadesShown = Math.Floor(range.Max) - Math.Ceiling(range.Min) + 1;
        var labelled = decadesShown >= 2 ? new[] { 1 } : decadesShown >= 1 ? [1, 2, 5] : Multiples;
        var decadeStep = Math.Max(1, (int)Math.Ceiling(decadesShown / 10));
        var ticks = new List<Tick>();
        for (var decade = low; decade <= high && ticks.Count < MaxTickCount; decade++)
        {
            foreach (var multiple in Multiples)
            {
                var position = decade + Math.Log10(multiple);
                if (position < range.Min || position > range.Max)
                {
                    continue;
                }

                var major = labelled.Contains(multiple) && (multiple != 1 || decade % decadeStep == 0);
                ticks.Add(major ? Tick.Major(position, Label(multiple, (int)decade)) : Tick.Minor(position));
            }
        }

        Ticks = [.. ticks];
    }

    private static string Label(int multiple, int decade) => decade is >= -4 and <= 5
        ? (multiple * Math.Pow(10, decade)).ToString("0.####", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{multiple}e{decade}");
}
