using ScottPlot;
using SkiaSharp;

namespace MountSim.Reporting;

/// <summary>The look every chart shares: size, fonts, white background, colours and markers per series, legend, "no data".</summary>
internal static class ChartStyle
{
    public const int Width = 800;
    public const int Height = 500;

    // Shapes as well as colours, so series stay apart in grey print.
    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp,
        MarkerShape.OpenDiamond, MarkerShape.OpenTriangleDown,
    ];

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>
    /// The charts carry their own sans face (DejaVu Sans, copied next to the library), registered under a
    /// name no system font has: text reads the same, and charts are the same bytes, on every machine,
    /// one without any fonts installed included.
    /// </summary>
    public static string FontName { get; }

    static ChartStyle()
    {
        // SkiaSharp's native library must be findable before the font loads it.
        SkiaNativeLibrary.Register();
        FontName = RegisterShippedFont();
    }

    private static string RegisterShippedFont()
    {
        const string name = "MountSim Sans";

        // Beside this library, not the process: a notebook kernel's base directory is its own.
        var folder = Path.Combine(Path.GetDirectoryName(typeof(ChartStyle).Assembly.Location) ?? AppContext.BaseDirectory, "Fonts");
        Fonts.AddFontFile(name, Path.Combine(folder, "DejaVuSans.ttf"), bold: false, italic: false);
        Fonts.AddFontFile(name, Path.Combine(folder, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
        return name;
    }

    public static Color ColorOf(int series) => Palette.GetColor(series);

    public static MarkerShape MarkerOf(int series) => Markers[series % Markers.Length];

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Title(title, 18);

        // Centred on the whole figure, not the data area, so a long title is not cut at the left.
        plot.Axes.Title.FullFigureCenter = true;
        plot.Axes.Title.Label.Font = Fonts.GetTypeface(FontName, bold: true, italic: false);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = 13;
            axis.MajorTickStyle.Length = 6;
            axis.MinorTickStyle.Length = 3;
        }

        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);
        return plot;
    }

    /// <summary>
    /// The legend sits outside the data, below it unless told otherwise, so it never hides a line or a
    /// bar; below rather than beside, so the data area and the title above it keep the figure's width.
    /// </summary>
    public static void ShowLegend(Plot plot, Edge edge = Edge.Bottom)
    {
        plot.ShowLegend(edge);
        plot.Legend.FontSize = 13;
        plot.Legend.FontName = FontName;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Colors.Gray;
        if (edge is Edge.Bottom)
        {
            plot.Legend.Orientation = Orientation.Horizontal;
        }
    }

    /// <summary>Says so in the middle of the chart, with no ticks or grid to suggest a scale.</summary>
    public static void ShowNoData(Plot plot)
    {
        plot.Axes.Bottom.SetTicks([], []);
        plot.Axes.Left.SetTicks([], []);
        plot.HideGrid();
        var note = plot.Add.Annotation("no data", Alignment.MiddleCenter);
        note.LabelFontName = FontName;
        note.LabelFontSize = 20;
        note.LabelFontColor = Colors.Gray;
        note.LabelBackgroundColor = Colors.Transparent;
        note.LabelBorderColor = Colors.Transparent;
        note.LabelShadowColor = Colors.Transparent;
    }
}
