namespace MountSim.Experiments;

/// <summary>One number a run yields, by name, with its unit and what it means (experiments/README.md lists them), read from the run's <see cref="ScenarioSummary"/>.</summary>
public sealed record Metric(string Name, string Unit, string Description, Func<ScenarioSummary, double> Of)
{
    /// <summary>The axis label of this metric: its description with the unit.</summary>
    public string Label => Unit.Length == 0 ? Description : $"{Description} ({Unit})";
}
