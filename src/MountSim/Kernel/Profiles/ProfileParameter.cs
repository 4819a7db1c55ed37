namespace MountSim.Kernel.Profiles;

/// <summary>One parameter as a profile gives it: value (ns for durations) and its citation.</summary>
public sealed record ProfileParameter(ParameterDefinition Definition, double Value, string Source)
{
    public string Key => Definition.Key;

    /// <summary>The citation says the number is a placeholder to be measured on the target host.</summary>
    public bool NeedsCalibration => Source.StartsWith("calibrate", StringComparison.OrdinalIgnoreCase);
}
