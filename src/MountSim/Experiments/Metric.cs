using MountSim.Workload;

namespace MountSim.Experiments;

/// <summary>One number a run yields, by name, with its unit and what it means (experiments/README.md lists them), read from the run's <see cref="ScenarioSummary"/>.</summary>
/// <param name="AtLeast">
/// For a metric that only grows as starts take longer: a value its final one cannot fall below, from the starts
/// so far, so that a run can stop once a bound is certainly broken; null for the others.
/// </param>
public sealed record Metric(string Name, string Unit, string Description, Func<ScenarioSummary, double> Of, Func<StartsSoFar, double>? AtLeast = null)
{
    /// <summary>The axis label of this metric: its description with the unit.</summary>
    public string Label => Unit.Length == 0 ? Description : $"{Description} ({Unit})";
}
