using MountSim.Experiments;
using MountSim.Yaml;

namespace MountSim.Sensitivity.Studies;

/// <summary>
/// A sensitivity file as read (schema in experiments/sensitivity/README.md): the configurations to analyse (a
/// base scenario, or each configuration of a sweep on its own), the outputs of interest, which uncertain figures
/// to vary, and how hard to look: Morris screening over all of them, then Sobol' indices over the few it keeps.
/// </summary>
public sealed record SensitivityStudy : StudyFile
{
    /// <summary>Each configuration, analysed on its own: the sweep's, or the base scenario alone.</summary>
    public required IReadOnlyList<Configuration> Configurations { get; init; }

    /// <summary>The fields that vary between configurations, in file order.</summary>
    public required IReadOnlyList<string> ConfigurationFields { get; init; }

    /// <summary>The outputs of interest, metrics of the catalog.</summary>
    public required IReadOnlyList<Metric> Outputs { get; init; }

    /// <summary>The figures to vary, as named in <c>vary:</c>; null: every figure of each configuration that has a range.</summary>
    public required IReadOnlyList<FigureId>? Vary { get; init; }

    /// <summary>Morris's r, the screening's trajectories.</summary>
    public required int Trajectories { get; init; }

    /// <summary>Morris's p, the grid's levels per figure (even).</summary>
    public required int Levels { get; init; }

    /// <summary>How many figures, ranked highest by screening, the Sobol' design varies.</summary>
    public required int Keep { get; init; }

    /// <summary>The Sobol' design's N, a power of two.</summary>
    public required int BaseSamples { get; init; }

    /// <summary>The resamples and confidence of every interval (mu*, S1, ST).</summary>
    public required Bootstrap Bootstrap { get; init; }

    /// <summary>The figures configuration <paramref name="configuration"/> varies, in its scenario's order.</summary>
    public IReadOnlyList<UncertainFigure> FiguresOf(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var all = configuration.Scenario.UncertainFigures.DistinctBy(f => f.Id).ToList();
        return Vary is null ? [.. all.Where(f => f.Low < f.High)] : [.. Vary.Select(id => all.First(f => f.Id == id))];
    }
}
