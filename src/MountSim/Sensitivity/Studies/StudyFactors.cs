using MountSim.Yaml;

namespace MountSim.Sensitivity.Studies;

/// <summary>Between uncertain figures and the factors a design samples.</summary>
public static class StudyFactors
{
    /// <summary>A range spanning this ratio or more is sampled on a log scale, evenly in every decade.</summary>
    public const double LogScaleRatio = 10;

    public static Factor Of(UncertainFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new Factor(FigureNames.Of(figure.Id), figure.Low, figure.High, logScale: figure.Low > 0 && figure.High / figure.Low >= LogScaleRatio);
    }

    /// <summary>The value a figure is set to for a sampled <paramref name="value"/>: a count rounded to a whole number, kept inside the range.</summary>
    public static double ValueOf(UncertainFigure figure, double value)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var set = figure.Domain.Unit == FigureUnit.WholeNumber ? Math.Round(value, MidpointRounding.AwayFromZero) : value;
        return Math.Clamp(set, figure.Low, figure.High);
    }
}
