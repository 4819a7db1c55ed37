namespace MountSim.Kernel.Profiles;

/// <summary>A profile parameter the mechanism reads: its key, how it is written, its least value, what it means, its greatest plausible value (durations: a day).</summary>
public sealed record ParameterDefinition(string Key, ParameterUnit Unit, double Minimum, string Meaning, double Maximum = double.MaxValue);
