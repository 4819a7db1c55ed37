using MountSim.Yaml;

namespace MountSim.Sensitivity;

/// <summary>
/// Uncertain figures as a factor space: each figure a factor over its range, sampled on a log scale where the range
/// spans a factor of <see cref="LogScaleSpan"/> or more (a latency from 5 to 500 ns is as uncertain in every decade);
/// a point of the space back to the figures' values, whole-number figures rounded. Uncertainty bands and
/// sensitivity studies both sample figures through it.
/// </summary>
public sealed class FigureSpace
{
    /// <summary>The ratio of a range's ends from which it is sampled on a log scale.</summary>
    public const double LogScaleSpan = 10;

    /// <param name="nameOf">A factor's name for its figure; the figure's id by default.</param>
    public FigureSpace(IReadOnlyList<UncertainFigure> figures, Func<FigureId, string>? nameOf = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        Figures = figures;
        Space = new FactorSpace(figures.Select(f => new Factor(nameOf?.Invoke(f.Id) ?? f.Id.ToString(), f.Low, f.High, IsLogScale(f))));
    }

    public IReadOnlyList<UncertainFigure> Figures { get; }

    public FactorSpace Space { get; }

    public static bool IsLogScale(UncertainFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Low > 0 && figure.High / figure.Low >= LogScaleSpan;
    }

    /// <summary>The value a figure is set to for a sampled <paramref name="value"/>: a count rounded to a whole number, kept inside the range.</summary>
    public static double ValueOf(UncertainFigure figure, double value)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var set = figure.Domain.Unit == FigureUnit.WholeNumber ? Math.Round(value, MidpointRounding.AwayFromZero) : value;
        return Math.Clamp(set, figure.Low, figure.High);
    }

    /// <summary>The figures' values at <paramref name="point"/> (real units, one per figure in order), as a scenario takes them.</summary>
    public IReadOnlyDictionary<FigureId, double> ValuesOf(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Count != Figures.Count)
        {
            throw new ArgumentException($"Expected {Figures.Count} values, one per figure, but got {point.Count}.", nameof(point));
        }

        return Figures.Select((f, i) => (f.Id, Value: ValueOf(f, point[i]))).ToDictionary(v => v.Id, v => v.Value);
    }
}
