using YamlDotNet.RepresentationModel;

namespace MountSim.Experiments;

/// <summary>
/// An experiment expanded: every configuration (the grid's cartesian product, each combined with each
/// tuple of the zipped lists) with its scenario built and checked, and every run (a configuration and
/// a replication, or an uncertainty sample after the replications). Run <c>i</c> draws its random streams from
/// (seed, i), so results do not depend on the order or the parallelism runs execute with.
/// </summary>
public sealed class ExperimentPlan
{
    private readonly IReadOnlyList<UncertaintyDesign?> _uncertainty;

    private ExperimentPlan(Experiment experiment, IReadOnlyList<Configuration> configurations, IReadOnlyList<UncertaintyDesign?> uncertainty)
    {
        Experiment = experiment;
        Configurations = configurations;
        _uncertainty = uncertainty;
    }

    /// <summary>The most runs one experiment may ask for: each is a simulation and a file in the results folder.</summary>
    public const int MaxRuns = 1_000_000;

    public Experiment Experiment { get; }

    public IReadOnlyList<Configuration> Configurations { get; }

    public int RunCount => Configurations.Count * Experiment.RunsPerConfiguration;

    /// <summary>
    /// Run <paramref name="run"/>'s configuration and its place among the configuration's runs: runs go configuration
    /// by configuration, each configuration's replications first, then its uncertainty samples.
    /// </summary>
    public (Configuration Configuration, int Replication) Run(int run) =>
        (Configurations[run / Experiment.RunsPerConfiguration], run % Experiment.RunsPerConfiguration);

    /// <summary>The uncertainty sample run <paramref name="run"/> simulates, or null for a replication of the nominal figures.</summary>
    public int? UncertaintySample(int run) =>
        run % Experiment.RunsPerConfiguration is var place && place >= Experiment.Replications ? place - Experiment.Replications : null;

    /// <summary>The uncertainty samples of <paramref name="configuration"/>; null when the experiment draws none.</summary>
    public UncertaintyDesign? UncertaintyOf(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return _uncertainty[configuration.Index];
    }

    /// <summary>What run <paramref name="run"/> simulates: its configuration's scenario, with a sample's figure values for an uncertainty sample.</summary>
    public Scenario ScenarioOf(int run)
    {
        var (configuration, _) = Run(run);
        return UncertaintySample(run) is { } sample ? configuration.Scenario.WithFigures(_uncertainty[configuration.Index]!.Samples[sample]) : configuration.Scenario;
    }

    /// <exception cref="Yaml.InputFileException">A configuration names nothing or makes an impossible scenario; the error points at the value.</exception>
    public static ExperimentPlan Build(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var directory = Path.GetDirectoryName(Path.GetFullPath(experiment.File)) ?? ".";
        var points = Product(experiment.Grid);
        if (experiment.Zip.Count > 0)
        {
            var tuples = Enumerable.Range(0, experiment.Zip[0].Values.Count)
                .Select(i => experiment.Zip.Select(axis => (axis, axis.Values[i])).ToList())
                .ToList();
            points = [.. points.SelectMany(point => tuples.Select(tuple => point.Concat(tuple).ToList()))];
        }

        var configurations = points.Select((point, index) =>
        {
            var fields = new Dictionary<string, (YamlNode Node, string Path)>(experiment.Base, StringComparer.Ordinal);
            foreach (var (axis, value) in point)
            {
                fields[axis.Field] = (value, axis.Path);
            }

            var parameters = point.Select(p => KeyValuePair.Create(p.Axis.Field, ScenarioFields.Display(p.Value))).ToList();
            return new Configuration(index, parameters, ScenarioFields.Build(fields, new Yaml.YamlSource(experiment.File), directory, experiment.BaseSources));
        }).ToList();
        return new ExperimentPlan(experiment, configurations, [.. configurations.Select(c => Uncertainty(experiment, c))]);
    }

    private static UncertaintyDesign? Uncertainty(Experiment experiment, Configuration configuration)
    {
        if (experiment.UncertaintySamples == 0)
        {
            return null;
        }

        return UncertaintyDesign.Of(configuration.Scenario.UncertainFigures, experiment.UncertaintySamples, experiment.Seed)
            ?? throw new Yaml.YamlSource(experiment.File).Error(
                experiment.UncertaintyAt!.Value.Node,
                experiment.UncertaintyAt.Value.Path,
                $"{configuration.Describe()} has no uncertain figure to sample: its topology, kernel and runtime profiles give no range (`mountsim topology show`), and its scenario's sources: none");
    }

    /// <summary>The grid's cartesian product, the first axis varying slowest; one empty point when nothing is swept.</summary>
    private static List<List<(SweepAxis Axis, YamlNode Value)>> Product(IReadOnlyList<SweepAxis> grid)
    {
        var points = new List<List<(SweepAxis Axis, YamlNode Value)>> { new() };
        foreach (var axis in grid)
        {
            points = [.. points.SelectMany(point => axis.Values.Select(value => point.Append((axis, value)).ToList()))];
        }

        return points;
    }
}
