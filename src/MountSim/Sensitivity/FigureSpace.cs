using MountSim.Yaml;

namespace MountSim.Sensitivity;

/// <summary>
/// Uncertain figures as a factor space: each figure a factor over its range, named by its id, sampled on a log
/// scale where the range spans a factor of <see cref="LogScaleSpan"/> or more (a latency from 5 to 500 ns is as
/// uncertain in every decade); a point of the space back to the figures' values, whole-number figures rounded.
/// </summary>
public sealed class FigureSpace
{
    /// <summary>The ratio of a range's ends from which it is sampled on a log scale.</summary>
    public const double LogScaleSpan = 10;

    public FigureSpace(IReadOnlyList<UncertainFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        Figures = figures;
        Space = new FactorSpace(figures.Select(f => new Factor(f.Id.ToString(), f.Low, f.High, f.Low > 0 && f.High / f.Low >= LogScaleSpan)));
    }

    public IReadOnlyList<UncertainFigure> Figures { get; }

    public FactorSpace Space { get; }

    /// <summary>The figures' values at <paramref name="point"/> (real units, one per figure in order), as a scenario takes them.</summary>
    public IReadOnlyDictionary<FigureId, double> ValuesOf(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Count != Figures.Count)
        {
            throw new ArgumentException($"Expected {Figures.Count} values, one per figure, but got {point.Count}.", nameof(point));
        }

        return Figures.Select((f, i) => (f.Id, Value: Clamp(f, point[i]))).ToDictionary(v => v.Id, v => v.Value);
    }

    /// <summary>A whole-number figure's value rounded to the nearest whole number inside its range; a map's rounding error kept inside it.</summary>
    private static double Clamp(UncertainFigure figure, double value)
    {
        var inRange = Math.Clamp(value, figure.Low, figure.High);
        return figure.Domain.Unit == FigureUnit.WholeNumber ? Math.Clamp(Math.Round(inRange), Math.Ceiling(figure.Low), Math.Floor(figure.High)) : inRange;
    }
}
