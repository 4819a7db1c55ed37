using System.Xml.Linq;
using MountSim.Reporting;

namespace MountSim.Tests.Reporting;

public sealed class ChartFilesTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-charts-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void SaveWritesAPngAndThenAnSvgNamedAfterTheStemIntoANewDirectory()
    {
        var directory = Path.Combine(_scratch, "figures", "latency");

        var paths = ChartFiles.Save(Latency(), directory, "p99");

        Assert.Equal([Path.Combine(directory, "p99.png"), Path.Combine(directory, "p99.svg")], paths);
        AssertPng(paths[0]);
        AssertSvg(paths[1]);
    }

    [Fact]
    public void ALineChartShowsItsTitleAxisLabelsAndEverySeriesName()
    {
        var texts = SaveAndReadTexts(Latency());

        AssertShows(texts, "p99 mount latency", "concurrent starts", "latency (ms)", "per-layer overlay", "read & write");
    }

    [Fact]
    public void ALogAxisIsLabelledWithRealValuesNotTheirLogarithms()
    {
        var texts = SaveAndReadTexts(Latency() with { LogX = true, LogY = true });

        AssertShows(texts, "10", "100", "1000");
        Assert.DoesNotContain("3", texts);
    }

    [Fact]
    public void OnALogAxisValuesOfZeroOrLessAreLeftOutRatherThanFailing()
    {
        LineSeries withZeros = new("idle", [new(1, 0, 0, 0), new(10, -5, -6, -4), new(100, 3, 0, 6), new(1000, 4, 2, 6)]);

        var texts = SaveAndReadTexts(new LineChart("Zeros", "mounts", "latency (ms)", [withZeros], LogX: true, LogY: true));

        Assert.Contains("idle", texts);
        Assert.DoesNotContain("no data", texts);
    }

    [Fact]
    public void ASeriesOfOnePointWithoutAConfidenceIntervalIsStillDrawn()
    {
        LineSeries single = new("one run", [new(8, 120, double.NaN, double.NaN)]);

        var texts = SaveAndReadTexts(new LineChart("Single", "CPUs", "latency (ms)", [single]));

        Assert.Contains("one run", texts);
    }

    [Fact]
    public void AChartWithNoSeriesKeepsItsTitleAndSaysThereIsNoData()
    {
        var texts = SaveAndReadTexts(new LineChart("Nothing yet", "CPUs", "latency (ms)", []));

        AssertShows(texts, "Nothing yet", "no data");
    }

    [Fact]
    public void ACdfChartShowsEverySeriesNameAndAFractionAxis()
    {
        CdfSeries baseline = new("baseline", [(2, 0.25), (3, 0.5), (5, 0.75), (9, 1)]);
        CdfSeries perLayer = new("per-layer", [(4, 0.5), (12, 1)]);

        var texts = SaveAndReadTexts(new CdfChart("Start time", "start time (ms)", [baseline, perLayer], LogX: true));

        AssertShows(texts, "Start time", "start time (ms)", "baseline", "per-layer", "fraction of samples at or below");
    }

    [Fact]
    public void AStackedBarChartNamesEveryCategoryAndEverySegment()
    {
        var texts = SaveAndReadTexts(new StackedBarChart(
            "CPU time by state",
            "CPU time (s)",
            ["r5.metal", "c7i.metal"],
            [new BarSegment("running", [5, 4]), new BarSegment("spinning", [10, 2])]));

        AssertShows(texts, "CPU time by state", "CPU time (s)", "r5.metal", "c7i.metal", "running", "spinning");
    }

    [Fact]
    public void LongCategoryNamesKeepEveryWordWhenWrapped()
    {
        string[] categories = ["aws-r5.metal, per-layer", "aws-r5.metal, shared", "aws-c7i.metal-48xl, per-layer", "aws-c7i.metal-48xl, shared"];

        var texts = SaveAndReadTexts(new StackedBarChart(
            "CPU time by state",
            "CPU time (s)",
            categories,
            [new BarSegment("running", [5, 4, 6, 5])]));

        var shown = string.Join(' ', texts);
        Assert.All(categories.SelectMany(category => category.Split(' ')), word => Assert.Contains(word, shown, StringComparison.Ordinal));
    }

    [Fact]
    public void ASegmentWithoutOneValuePerCategoryIsRefused()
    {
        var chart = new StackedBarChart("CPU time", "CPU time (s)", ["a", "b"], [new BarSegment("running", [1])]);

        Assert.Throws<ArgumentException>(() => ChartFiles.Save(chart, _scratch, "bars"));
    }

    [Fact]
    public void AHeatmapLabelsItsCellsItsAxesAndItsColourBar()
    {
        var texts = SaveAndReadTexts(new HeatmapChart(
            "p99 latency",
            "CPUs",
            "layers",
            ["2", "8", "32"],
            ["1", "10"],
            new double[,] { { 1.5, 2.5, double.NaN }, { 4, 8, 16 } },
            "p99 latency (ms)"));

        AssertShows(texts, "p99 latency", "CPUs", "layers", "32", "10", "p99 latency (ms)", "1.5", "16");
    }

    [Fact]
    public void AnIntervalBarChartNamesEveryBarEveryGroupAndTheReference()
    {
        var texts = SaveAndReadTexts(Boundaries());

        AssertShows(texts, "Largest burst within the objective", "containers", "aws-r5.metal", "aws-c6a.metal", "aws-c7g.16xlarge", "x86", "Arm", "target: 200");
    }

    [Fact]
    public void AnIntervalIsDrawnWithACapAtEachEndItHasOnly()
    {
        IntervalBar[] bars = [new("both ends", 300, 250, 350), new("low end only", 200, 180, double.PositiveInfinity), new("none", 100, double.NaN, double.NaN)];

        var whiskers = WhiskerStrokes(new IntervalBarChart("Boundaries", "containers", bars));

        // A stem and two caps, then a stem and one cap.
        Assert.Equal(5, whiskers);
    }

    [Fact]
    public void ABarWithoutAValueKeepsItsPlaceAndName()
    {
        var chart = new IntervalBarChart("Boundaries", "containers", [new("found", 300, 250, 350), new("unknown", double.NaN, double.NaN, double.NaN)]);

        var texts = SaveAndReadTexts(chart);

        AssertShows(texts, "found", "unknown");
        Assert.DoesNotContain("no data", texts);
    }

    [Fact]
    public void AnIntervalBarChartWithoutAnyValueSaysThereIsNoData()
    {
        var texts = SaveAndReadTexts(new IntervalBarChart("Boundaries", "containers", [new("not found", double.NaN, 1, 2)]));

        AssertShows(texts, "Boundaries", "no data");
    }

    [Fact]
    public void AnIntervalWhoseLowEndIsAboveItsHighEndIsRefused()
    {
        var chart = new IntervalBarChart("Boundaries", "containers", [new("upside down", 300, 350, 250)]);

        var e = Assert.Throws<ArgumentException>(() => ChartFiles.Save(chart, _scratch, "bars"));

        Assert.Contains("'upside down'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABarInAGroupTheChartDoesNotNameIsRefused()
    {
        var chart = Boundaries() with { Groups = ["x86"] };

        Assert.Throws<ArgumentException>(() => ChartFiles.Save(chart, _scratch, "bars"));
    }

    [Fact]
    public void SavingTheSameIntervalBarChartTwiceWritesTheSameBytes()
    {
        var first = ChartFiles.Render(Boundaries());
        var second = ChartFiles.Render(Boundaries());

        Assert.Equal(first.Png, second.Png);
        Assert.Equal(first.Svg, second.Svg);
    }

    [Fact]
    public void SavingTheSameChartTwiceWritesTheSameBytes()
    {
        var first = ChartFiles.Save(Latency(), _scratch, "first");
        var second = ChartFiles.Save(Latency(), _scratch, "second");

        Assert.Equal(File.ReadAllBytes(first[0]), File.ReadAllBytes(second[0]));
        Assert.Equal(File.ReadAllBytes(first[1]), File.ReadAllBytes(second[1]));
    }

    [Fact]
    public void AnUncertaintyBandIsShadedBehindItsSeriesAndNamedInTheLegend()
    {
        var banded = Latency() with
        {
            Series = [new LineSeries("per-layer", [new(10, 20, 18, 23, 15, 30), new(100, 200, 170, 240, 120, 400)])],
            BandLabel = "5-95% over the figures' ranges",
        };

        AssertShows(SaveAndReadTexts(banded), "per-layer: 5-95% over the figures' ranges");
        Assert.DoesNotContain("uncertainty band", ChartFiles.Render(Latency()).Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ATornadoChartPutsTheWidestSwingOnTopAndNamesBothEnds()
    {
        var chart = new TornadoChart("p99 start latency", "ms", 1000, [new("smt_slowdown", 900, 1100), new("path_walks", 300, 4000), new("untouched", 1000, 1000)]);

        var texts = SaveAndReadTexts(chart);
        var svg = ChartFiles.Render(chart).Svg;

        AssertShows(texts, "p99 start latency", "smt_slowdown", "path_walks", "untouched", "figure at the low end of its range", "figure at the high end", "every figure nominal");
        // Rows are drawn bottom up, so the widest swing's label comes last in the SVG.
        Assert.True(svg.LastIndexOf("path_walks", StringComparison.Ordinal) > svg.LastIndexOf("smt_slowdown", StringComparison.Ordinal));
        Assert.Equal(ChartFiles.Render(chart).Png, ChartFiles.Render(chart).Png);
    }

    private static LineChart Latency() => new(
        "p99 mount latency",
        "concurrent starts",
        "latency (ms)",
        [
            new LineSeries("per-layer overlay", [new(10, 20, 18, 23), new(100, 200, 170, 240), new(1000, 2500, 2000, 3000)]),
            new LineSeries("read & write", [new(10, 5, 4, 6), new(100, 40, 35, 45), new(1000, 300, 250, 380)]),
        ]);

    private static IntervalBarChart Boundaries() => new(
        "Largest burst within the objective",
        "containers",
        [
            new IntervalBar("aws-r5.metal", 180, 160, 190, Group: 0),
            new IntervalBar("aws-c6a.metal", 240, 230, 260, Group: 0),
            new IntervalBar("aws-c7g.16xlarge", 120, 110, double.PositiveInfinity, Group: 1),
        ],
        new ReferenceLine("target: 200", 200),
        ["x86", "Arm"]);

    /// <summary>The strokes as wide as a whisker's: no axis, tick, grid line or bar outline is.</summary>
    private static int WhiskerStrokes(Chart chart) =>
        XDocument.Parse(ChartFiles.Render(chart).Svg).Descendants().Count(e => e.Name.LocalName == "path" && (string?)e.Attribute("stroke-width") == "1.5");

    private static void AssertShows(HashSet<string> texts, params string[] expected) =>
        Assert.All(expected, text => Assert.Contains(text, texts));

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..PngSignature.Length]);
        Assert.InRange(bytes.Length, 5_000, 2_000_000);
    }

    private static XDocument AssertSvg(string path)
    {
        var svg = XDocument.Load(path);
        Assert.Equal("svg", svg.Root?.Name.LocalName);
        return svg;
    }

    /// <summary>Saves the chart, checks both files, and returns the SVG's text elements, one entry a line.</summary>
    private HashSet<string> SaveAndReadTexts(Chart chart)
    {
        var paths = ChartFiles.Save(chart, _scratch, "chart");
        AssertPng(paths[0]);
        return [.. AssertSvg(paths[1]).Descendants().Where(element => element.Name.LocalName == "text").Select(text => text.Value.Trim())];
    }
}
