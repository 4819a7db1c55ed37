using MountSim.Kernel.Profiles;

namespace MountSim.Calibration;

/// <summary>
/// A fit: the profile with the fitted costs, each parameter's start and fitted value (both stages), the
/// setup stage's objective (sum of weighted squared log ratios) and its root mean square as a relative
/// error, and what it cost.
/// </summary>
public sealed record CalibrationResult(
    KernelProfile Profile,
    IReadOnlyList<FittedParameter> Parameters,
    double Objective,
    double RmsLogError,
    int Evaluations,
    double WallSeconds)
{
    /// <summary>The measured host, with its fitted SMT slowdown when the data constrained it.</summary>
    public required Hardware.Topology Topology { get; init; }

    /// <summary>The per-call stage, when the measurements timed calls the model has recipes for.</summary>
    public SyscallCostResult? Calls { get; init; }

    /// <summary>The typical relative error of a fitted prediction, exp(rms log error) - 1.</summary>
    public double RmsRelativeError => Math.Exp(RmsLogError) - 1;
}
