using System.Globalization;
using System.Text;
using MountSim.Files;
using MountSim.Sensitivity;
using MountSim.Sensitivity.Studies;

namespace MountSim.Reporting;

/// <summary>
/// The folder a sensitivity study's results go to, an <see cref="OwnedFolder"/> like a plan's: each simulation is a
/// file of its own under <c>runs/</c> as soon as it ends, so an interrupted study resumes and reruns nothing; the
/// tables, plots, metadata and <c>report.md</c> come last, and a finished folder is never overwritten unless asked
/// (<c>--force</c>).
/// </summary>
public sealed class SensitivityFolder : ISimulationStore, IDisposable
{
    public const string StudyFile = "sensitivity.yaml";
    public const string ReportFile = "report.md";
    public const string ResultsTable = "sensitivity.csv";
    public const string PointsTable = "points.csv";
    public const string MetadataFile = "metadata.json";
    public const string PlotsFolder = "plots";
    private const string RunsFolder = "runs";
    private const string Kind = "sensitivity results";

    private readonly OwnedFolder _folder;
    private readonly SensitivityStudy _study;
    private readonly SavedRuns<SimulationKey, StudySimulation> _runs;

    private SensitivityFolder(OwnedFolder folder, SensitivityStudy study)
    {
        _folder = folder;
        _study = study;
        _runs = new(folder, RunFile);
    }

    public string Directory => _folder.Directory;

    /// <summary>Simulations read back from an earlier attempt's files.</summary>
    public int Resumed => _runs.Resumed;

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="study"/>: makes it, resumes it when it holds an unfinished
    /// attempt of the same file, or (with <paramref name="force"/>) removes MountSim's files from it first.
    /// </summary>
    /// <exception cref="OutputTargetException">The folder is not MountSim's, is another process's, is finished, or holds another study, and <paramref name="force"/> is false.</exception>
    public static SensitivityFolder Open(string directory, SensitivityStudy study, bool force)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(study);
        var folder = OwnedFolder.OpenFor(directory, Kind, "sensitivity study", study.File, study.Text, force);
        try
        {
            folder.Declare([StudyFile, MetadataFile, ResultsTable, PointsTable, ReportFile]);
            folder.Write(StudyFile, study.Text);
            return new SensitivityFolder(folder, study);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>The simulation an earlier attempt saved for <paramref name="key"/> at these figures; one that cannot be read back (cut short by a crash) is run again.</summary>
    public StudySimulation? Find(SimulationKey key, IReadOnlyList<double> figures)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(figures);
        return _runs.Find(key, run => run is { Figures: not null, Outputs: not null } && run.Key == key && run.Figures.SequenceEqual(figures) && run.Outputs.Count == _study.Outputs.Count);
    }

    public void Save(StudySimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _runs.Save(simulation.Key, simulation);
    }

    /// <summary>
    /// Writes <c>sensitivity.csv</c> (a row per configuration, output and figure: its range, Morris's effects,
    /// the Sobol' indices where it was kept, the output at each end of its range) and <c>points.csv</c> (a row per simulation).
    /// </summary>
    public void WriteTables(IReadOnlyList<ConfigurationAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        var fields = _study.ConfigurationFields;
        var results = new StringBuilder().AppendLine(Csv.Line([
            "configuration", .. fields, "output", "figure", "nominal", "low", "high", "log_scale", "mu", "mu_star", "mu_star_low", "mu_star_high", "sigma",
            "kept", "s1", "s1_low", "s1_high", "st", "st_low", "st_high", "output_nominal", "output_at_low", "output_at_high"]));
        foreach (var a in analyses)
        {
            for (var o = 0; o < _study.Outputs.Count; o++)
            {
                foreach (var i in a.Ranking(o))
                {
                    var figure = a.Figures[i];
                    var effect = a.Morris[o]?.Effects[i];
                    var sobol = a.SobolOf(i, o);
                    var kept = a.Kept.Any(k => k.Id == figure.Id);
                    results.AppendLine(Csv.Line([
                        Invariant(a.Configuration.Index), .. fields.Select(a.Configuration.ValueOf), _study.Outputs[o].Name, FigureNames.Of(figure.Id),
                        Csv.Number(figure.Nominal), Csv.Number(figure.Low), Csv.Number(figure.High), FigureSpace.IsLogScale(figure) ? "true" : "false",
                        Number(effect?.Mu), Number(effect?.MuStar), Number(effect?.MuStarInterval?.Low), Number(effect?.MuStarInterval?.High), Number(effect?.Sigma),
                        kept ? "true" : "false", Number(sobol?.FirstOrder), Number(sobol?.FirstOrderInterval.Low), Number(sobol?.FirstOrderInterval.High),
                        Number(sobol?.Total), Number(sobol?.TotalInterval.Low), Number(sobol?.TotalInterval.High),
                        Csv.Number(a.Nominal(o)), Csv.Number(a.AtLow(i, o)), Csv.Number(a.AtHigh(i, o))]));
                }
            }
        }

        var figures = analyses.SelectMany(a => a.Figures.Select(f => FigureNames.Of(f.Id))).Distinct().ToList();
        var points = new StringBuilder().AppendLine(Csv.Line([
            "configuration", .. fields, "phase", "index", .. figures, .. _study.Outputs.Select(m => m.Name), "simulated_s", "events"]));
        foreach (var a in analyses)
        {
            var own = a.Figures.Select(f => FigureNames.Of(f.Id)).ToList();
            foreach (var s in a.Simulations)
            {
                points.AppendLine(Csv.Line([
                    Invariant(a.Configuration.Index), .. fields.Select(a.Configuration.ValueOf), s.Key.PhaseName, Invariant(s.Key.Index),
                    .. figures.Select(f => own.IndexOf(f) is var i and >= 0 ? Csv.Number(s.Figures[i]) : string.Empty),
                    .. s.Outputs.Select(Csv.Number), Csv.Number(s.SimulatedSeconds), Invariant(s.Events)]));
            }
        }

        _folder.Write(ResultsTable, results.ToString());
        _folder.Write(PointsTable, points.ToString());
    }

    /// <summary>Writes a chart into <c>plots/</c> as a PNG and an SVG.</summary>
    public void WriteChart(string stem, RenderedChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        chart.WriteTo(_folder, $"{PlotsFolder}/{stem}");
    }

    public void WriteMetadata(RunMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _folder.Write(MetadataFile, metadata.ToJson());
    }

    /// <summary>Writes <c>report.md</c> and marks the folder finished.</summary>
    public void WriteReport(string markdown)
    {
        _folder.Write(ReportFile, markdown);
        _folder.Finish();
    }

    public void Dispose() => _folder.Dispose();

    private static string RunFile(SimulationKey key) =>
        $"{RunsFolder}/c{Invariant(key.Configuration).PadLeft(3, '0')}-{key.PhaseName}-{Invariant(key.Index).PadLeft(5, '0')}.json";

    private static string Number(double? value) => value is { } v ? Csv.Number(v) : string.Empty;

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
