using MountSim.Experiments;
using MountSim.Yaml;

namespace MountSim.Sensitivity.Studies;

/// <summary>
/// One configuration's study: the figures varied, every simulation by phase, and per output the Morris screening
/// and the Sobol' indices of the figures kept (null where that output is not analysable: a run gave it no value,
/// or no figure was kept).
/// </summary>
public sealed record ConfigurationAnalysis(
    Configuration Configuration,
    IReadOnlyList<UncertainFigure> Figures,
    IReadOnlyList<StudySimulation> OneAtATime,
    IReadOnlyList<StudySimulation> MorrisRuns,
    IReadOnlyList<MorrisResult?> Morris,
    IReadOnlyList<UncertainFigure> Kept,
    IReadOnlyList<StudySimulation> SobolRuns,
    IReadOnlyList<SobolResult?> Sobol)
{
    /// <summary>The output at every figure's nominal value.</summary>
    public double Nominal(int output) => OneAtATime[0].Outputs[output];

    /// <summary>The output with figure <paramref name="figure"/> at the low end of its range, the others nominal.</summary>
    public double AtLow(int figure, int output) => OneAtATime[(2 * figure) + 1].Outputs[output];

    public double AtHigh(int figure, int output) => OneAtATime[(2 * figure) + 2].Outputs[output];

    public IEnumerable<StudySimulation> Simulations => OneAtATime.Concat(MorrisRuns).Concat(SobolRuns);

    /// <summary>
    /// The figures from most to least influential on <paramref name="output"/>: by mu* where screening could
    /// analyse it, else by the one-at-a-time swing; ties by name.
    /// </summary>
    public IReadOnlyList<int> Ranking(int output) => Morris[output] is { } morris
        ? [.. Enumerable.Range(0, Figures.Count).OrderByDescending(i => morris.Effects[i].MuStar).ThenBy(i => FigureNames.Of(Figures[i].Id), StringComparer.Ordinal)]
        : [.. Enumerable.Range(0, Figures.Count).OrderByDescending(i => Swing(i, output)).ThenBy(i => FigureNames.Of(Figures[i].Id), StringComparer.Ordinal)];

    /// <summary>How far the output moves across the figure's range, the others nominal; -1 where a run gave no value.</summary>
    public double Swing(int figure, int output)
    {
        var swing = Math.Abs(AtHigh(figure, output) - AtLow(figure, output));
        return double.IsFinite(swing) ? swing : -1;
    }

    /// <summary>The Sobol' indices of a varied figure for an output, when it was kept and the output analysable.</summary>
    public SobolIndices? SobolOf(int figure, int output)
    {
        var kept = Kept.ToList().FindIndex(f => f.Id == Figures[figure].Id);
        return kept >= 0 && Sobol[output] is { } sobol ? sobol.Indices[kept] : null;
    }
}
