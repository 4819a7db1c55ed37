using System.Globalization;

namespace MountSim.Sensitivity.Studies;

/// <summary>One simulation of a study: a configuration, a phase, and the point's index in that phase's design.</summary>
public sealed record SimulationKey(int Configuration, StudyPhase Phase, int Index)
{
    /// <summary>The phase as files name it.</summary>
    public string PhaseName => NameOf(Phase);

    public static string NameOf(StudyPhase phase) => phase switch
    {
        StudyPhase.OneAtATime => "one-at-a-time",
        StudyPhase.Morris => "morris",
        _ => "sobol",
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"configuration {Configuration}, {PhaseName} {Index}");
}
