namespace MountSim.Experiments;

/// <summary>One point of an experiment's sweep: the swept fields' values (as the file writes them) and the scenario they make.</summary>
public sealed record Configuration(int Index, IReadOnlyList<KeyValuePair<string, string>> Parameters, Scenario Scenario)
{
    public string ValueOf(string field) => Parameters.First(p => p.Key == field).Value;

    /// <summary>The parameters in words, e.g. "topology aws-r5.metal, containers 100".</summary>
    public string Describe() => Parameters.Count == 0 ? "base scenario" : string.Join(", ", Parameters.Select(p => $"{p.Key} {p.Value}"));
}
