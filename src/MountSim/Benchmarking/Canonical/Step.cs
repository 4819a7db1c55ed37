using MountSim.Engine.Distributions;
using MountSim.Benchmarking.Canonical;

namespace MountSim.Benchmarking.Canonical;

/// <summary>One instruction of a <see cref="Script"/>; which fields matter depends on <see cref="Kind"/>.</summary>
public readonly record struct Step(
    StepKind Kind,
    Distribution? Duration = null,
    Resource? Resource = null,
    AccessMode Mode = AccessMode.Exclusive,
    int Target = 0,
    IStepAction? Action = null)
{
    public override string ToString() => Kind switch
    {
        StepKind.Delay => $"delay {Duration}",
        StepKind.Acquire => $"acquire {Resource?.Name} ({Mode})",
        StepKind.Release => $"release {Resource?.Name}",
        StepKind.Jump => $"jump {Target}",
        _ => $"invoke {Action?.GetType().Name}",
    };
}
