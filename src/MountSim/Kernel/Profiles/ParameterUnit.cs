namespace MountSim.Kernel.Profiles;

/// <summary>How a profile parameter is written.</summary>
public enum ParameterUnit
{
    /// <summary>A duration with a unit (<c>1.1us</c>), held in ns.</summary>
    Duration,

    /// <summary>A plain number, e.g. a factor.</summary>
    Number,

    /// <summary>A whole number, e.g. a batch size.</summary>
    WholeNumber,
}
