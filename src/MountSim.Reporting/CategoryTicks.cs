using ScottPlot;

namespace MountSim.Reporting;

/// <summary>
/// Category names under a bottom axis, one per integer position: wrapped at spaces onto up to three lines
/// where they fit the width of their slot that way, rotated otherwise.
/// </summary>
internal static class CategoryTicks
{
    private const int MostLines = 3;
    private const float Rotation = -35;

    // The share of the figure's width the data area gets once the vertical axis and any side panel have theirs.
    private const double DataShareOfWidth = 0.8;

    public static void Label(Plot plot, IReadOnlyList<string> categories)
    {
        var axis = plot.Axes.Bottom;
        var style = axis.TickLabelStyle;
        var slot = (float)(ChartStyle.Width * DataShareOfWidth / Math.Max(1, categories.Count)) * 0.9f;
        using var paint = Paint.NewDisposablePaint();
        var wrapped = categories.Select(category => Wrap(category, slot, style, paint)).ToArray();
        var fits = wrapped.All(lines => lines.Count <= MostLines && lines.All(line => style.Measure(line, paint).Width <= slot));
        var positions = Enumerable.Range(0, categories.Count).Select(position => (double)position).ToArray();
        axis.SetTicks(positions, fits ? [.. wrapped.Select(lines => string.Join('\n', lines))] : [.. categories]);
        axis.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        if (fits)
        {
            return;
        }

        style.Rotation = Rotation;
        style.Alignment = Alignment.UpperRight;
        var widest = categories.Max(category => style.Measure(category, paint).Width);
        var radians = -Rotation * Math.PI / 180;
        axis.MinimumSize = (float)(widest * Math.Sin(radians)) + (2 * style.FontSize);
        // Room on the left for the first name, which hangs down and left from its tick.
        plot.Axes.Left.MinimumSize = (float)(widest * Math.Cos(radians)) - (slot / 2);
    }

    private static List<string> Wrap(string text, float width, LabelStyle style, Paint paint)
    {
        var lines = new List<string>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var joined = lines.Count == 0 ? word : lines[^1] + " " + word;
            if (lines.Count > 0 && style.Measure(joined, paint).Width <= width)
            {
                lines[^1] = joined;
            }
            else
            {
                lines.Add(word);
            }
        }

        return lines;
    }
}
