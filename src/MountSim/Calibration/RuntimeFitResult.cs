using System.Collections.Immutable;
using MountSim.Workload.Runtimes;

namespace MountSim.Calibration;

/// <summary>What <see cref="RuntimeCostFit"/> gives: the fitted runtime, and per phase its costs before and after with 95% half-widths.</summary>
public sealed record RuntimeFitResult(RuntimeProfile Runtime, ImmutableArray<RuntimePhaseFit> Phases);
