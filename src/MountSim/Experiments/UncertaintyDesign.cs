using MountSim.Engine.Random;
using MountSim.Sensitivity;
using MountSim.Yaml;

namespace MountSim.Experiments;

/// <summary>
/// A configuration's uncertainty samples: K Latin-hypercube points over the ranges of every uncertain figure of its
/// scenario. Each figure's column comes from a stream of its own (seed, figure), so a figure that two
/// configurations share takes the same K values in both, and sample k of per-layer and of common-parent differ
/// only in the strategy: the bands compare as the means do.
/// </summary>
public sealed class UncertaintyDesign
{
    private UncertaintyDesign(FigureSpace figures, IReadOnlyList<IReadOnlyDictionary<FigureId, double>> samples)
    {
        Figures = figures;
        Samples = samples;
    }

    public FigureSpace Figures { get; }

    /// <summary>Each sample's figure values, as <see cref="Scenario.WithFigures"/> takes them.</summary>
    public IReadOnlyList<IReadOnlyDictionary<FigureId, double>> Samples { get; }

    /// <summary>The design for <paramref name="figures"/>; null when there are none.</summary>
    public static UncertaintyDesign? Of(IReadOnlyList<UncertainFigure> figures, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Count == 0)
        {
            return null;
        }

        var space = new FigureSpace(figures);
        var streams = new RandomStreams(seed);
        var columns = space.Space.Factors
            .Select(factor => LatinHypercube.Unit(samples, 1, streams.Stream("uncertainty:" + factor.Name)).Select(u => factor.FromUnit(u[0])).ToArray())
            .ToArray();
        return new UncertaintyDesign(space, [.. Enumerable.Range(0, samples).Select(k => space.ValuesOf([.. columns.Select(c => c[k])]))]);
    }
}
