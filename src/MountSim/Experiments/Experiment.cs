using YamlDotNet.RepresentationModel;

namespace MountSim.Experiments;

/// <summary>
/// An experiment file as read (schema in experiments/README.md): a base scenario, sweep axes (a grid,
/// whose value lists multiply, and zipped lists, which vary together), replications and a seed, the
/// metrics to summarize, the plots to draw and the output folder's name.
/// </summary>
public sealed record Experiment : StudyFile
{
    public required int Replications { get; init; }

    public required IReadOnlyList<SweepAxis> Grid { get; init; }

    public required IReadOnlyList<SweepAxis> Zip { get; init; }

    public required IReadOnlyList<Metric> Metrics { get; init; }

    public required IReadOnlyList<PlotSpec> Plots { get; init; }

    /// <summary>
    /// Latin-hypercube samples of the uncertain figures per configuration (<c>uncertainty: {samples: K}</c>), run after
    /// its replications; 0: none.
    /// </summary>
    public int UncertaintySamples { get; init; }

    /// <summary>Runs per configuration: its replications of the nominal figures, then its uncertainty samples.</summary>
    public int RunsPerConfiguration => Replications + UncertaintySamples;

    /// <summary>Where <c>uncertainty:</c> is written, for errors found when the configurations are built.</summary>
    internal (YamlNode Node, string Path)? UncertaintyAt { get; init; }

    /// <summary>Each run stops once one of these is certain (<c>stop_when:</c>); none: every run runs to its end.</summary>
    public IReadOnlyList<MetricCondition> StopWhen { get; init; } = [];

    /// <summary>The base scenario's fields: node and path of each value given.</summary>
    internal IReadOnlyDictionary<string, (YamlNode Node, string Path)> Base { get; init; } = new Dictionary<string, (YamlNode Node, string Path)>();

    /// <summary>The base scenario's <c>sources:</c> mapping and its path, when given: ranges for its assumptions.</summary>
    internal (YamlNode Node, string Path)? BaseSources { get; init; }

    /// <summary>The fields that vary between configurations, grid first, in file order.</summary>
    public IReadOnlyList<string> SweptFields => [.. Grid.Concat(Zip).Select(a => a.Field)];
}
