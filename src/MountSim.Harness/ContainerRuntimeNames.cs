namespace MountSim.Calibration.Harness;

/// <summary>The runtimes' names on the command line and in results.</summary>
public static class ContainerRuntimeNames
{
    public static IReadOnlyList<ContainerRuntime> All { get; } = [ContainerRuntime.None, ContainerRuntime.Runc];

    public static string Name(this ContainerRuntime runtime) => runtime switch
    {
        ContainerRuntime.None => "none",
        ContainerRuntime.Runc => "runc",
        _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, null),
    };

    /// <exception cref="FormatException">Not one of the names.</exception>
    public static ContainerRuntime Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(r => string.Equals(r.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase), (ContainerRuntime)(-1)) is var found && found >= 0
            ? found
            : throw new FormatException($"Unknown runtime '{name}'; expected {string.Join(", ", All.Select(r => r.Name()))}.");
    }
}
