using MountSim.Yaml;

namespace MountSim.Kernel.Profiles;

/// <summary>A profile parameter the mechanism reads: its key, how it is written, its least value, what it means, its greatest plausible value (durations: a day).</summary>
public sealed record ParameterDefinition(string Key, FigureUnit Unit, double Minimum, string Meaning, double Maximum = double.MaxValue)
{
    /// <summary>What a profile may give the parameter, as its reader checks it: a range given for it stays inside.</summary>
    public FigureDomain Domain => new(Unit, Minimum, Unit switch
    {
        FigureUnit.Duration => Math.Min(Maximum, YamlSource.MaxDurationNs),
        FigureUnit.WholeNumber => Math.Min(Maximum, int.MaxValue),
        _ => Maximum,
    });
}
