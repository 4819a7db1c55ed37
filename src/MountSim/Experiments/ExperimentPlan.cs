using YamlDotNet.RepresentationModel;

namespace MountSim.Experiments;

/// <summary>
/// An experiment expanded: every configuration (the grid's cartesian product, each combined with each
/// tuple of the zipped lists) with its scenario built and checked, and every run (a configuration and
/// a replication). Run <c>i</c> draws its random streams from (seed, i), so results do not depend on
/// the order or the parallelism runs execute with.
/// </summary>
public sealed class ExperimentPlan
{
    private ExperimentPlan(Experiment experiment, IReadOnlyList<Configuration> configurations)
    {
        Experiment = experiment;
        Configurations = configurations;
    }

    /// <summary>The most runs one experiment may ask for: each is a simulation and a file in the results folder.</summary>
    public const int MaxRuns = 1_000_000;

    public Experiment Experiment { get; }

    public IReadOnlyList<Configuration> Configurations { get; }

    public int RunCount => Configurations.Count * Experiment.Replications;

    /// <summary>Run <paramref name="run"/>'s configuration and replication: runs go configuration by configuration.</summary>
    public (Configuration Configuration, int Replication) Run(int run) =>
        (Configurations[run / Experiment.Replications], run % Experiment.Replications);

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
        return new ExperimentPlan(experiment, configurations);
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
