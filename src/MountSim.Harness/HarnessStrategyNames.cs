namespace MountSim.Calibration.Harness;

/// <summary>The strategies' names on the command line and in results.</summary>
public static class HarnessStrategyNames
{
    public static IReadOnlyList<HarnessStrategy> All { get; } = [HarnessStrategy.PerLayer, HarnessStrategy.CommonParent, HarnessStrategy.DetachedFds];

    public static string Name(this HarnessStrategy strategy) => strategy switch
    {
        HarnessStrategy.PerLayer => "per-layer",
        HarnessStrategy.CommonParent => "common-parent",
        HarnessStrategy.DetachedFds => "detached-fds",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

    /// <exception cref="FormatException">Not one of the names.</exception>
    public static HarnessStrategy Parse(string name)
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
