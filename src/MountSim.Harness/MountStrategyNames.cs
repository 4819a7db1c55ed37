namespace MountSim.Calibration.Harness;

/// <summary>The strategies' names on the command line and in results.</summary>
public static class MountStrategyNames
{
    public static IReadOnlyList<MountStrategy> All { get; } = [MountStrategy.PerLayer, MountStrategy.CommonParent, MountStrategy.DetachedFds];

    public static string Name(this MountStrategy strategy) => strategy switch
    {
        MountStrategy.PerLayer => "per-layer",
        MountStrategy.CommonParent => "common-parent",
        MountStrategy.DetachedFds => "detached-fds",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

    /// <exception cref="FormatException">Not one of the names.</exception>
    public static MountStrategy Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var strategy in All)
        {
            if (string.Equals(strategy.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return strategy;
            }
        }

        throw new FormatException($"Unknown strategy '{name}'; expected {string.Join(", ", All.Select(s => s.Name()))}.");
    }
}
