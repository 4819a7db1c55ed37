using MountSim.Experiments;

namespace MountSim.Cli;

/// <summary>
/// A scenario from the command line: unknown names, broken files, malformed values and impossible settings are
/// all refused (exit 2, every problem said) before anything runs.
/// </summary>
public static class ScenarioInput
{
    /// <summary>The scenario <paramref name="build"/> makes, checked.</summary>
    /// <exception cref="CommandInputException">The options give an impossible scenario.</exception>
    public static Scenario Build(Func<Scenario> build)
    {
        var scenario = CommandInput.Load(build);
        var problems = scenario.Problems().ToList();
        return problems.Count == 0 ? scenario : throw new CommandInputException(problems);
    }
}
