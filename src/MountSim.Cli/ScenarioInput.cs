using MountSim.Experiments;
using MountSim.Hardware;
using MountSim.Yaml;

namespace MountSim.Cli;

/// <summary>
/// A scenario from the command line: unknown names, broken files, malformed values and impossible
/// settings all end as messages on the error writer (the command then exits 2), before anything runs.
/// </summary>
public static class ScenarioInput
{
    /// <summary>The scenario <paramref name="build"/> makes, or null after reporting what is wrong with it.</summary>
    public static Scenario? Build(Func<Scenario> build, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(error);
        Scenario scenario;
        try
        {
            scenario = build();
        }
        catch (Exception e) when (e is InputFileException or UnknownNameException or UnknownTopologyException or ArgumentException or FormatException)
        {
            error.WriteLine($"mountsim: {e.Message}");
            return null;
        }

        var problems = scenario.Problems().ToList();
        foreach (var problem in problems)
        {
            error.WriteLine($"mountsim: {problem}");
        }

        return problems.Count == 0 ? scenario : null;
    }
}
