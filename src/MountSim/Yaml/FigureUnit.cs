namespace MountSim.Yaml;

/// <summary>How a numeric figure is written in an input file.</summary>
public enum FigureUnit
{
    /// <summary>A duration with a unit (<c>1.1us</c>), held in ns.</summary>
    Duration,

    /// <summary>A plain number, e.g. a factor.</summary>
    Number,

    /// <summary>A whole number, e.g. a batch size or a count of CPUs.</summary>
    WholeNumber,
}
