using MountSim.Yaml;

namespace MountSim.Sensitivity.Studies;

/// <summary>
/// A figure's name in a sensitivity file and in its results: <c>topology:smt_slowdown</c>,
/// <c>kernel:parameters.mntid_alloc</c>, <c>runtime:phases.runc_create.steps[0]</c>, <c>scenario:path_walks</c>.
/// </summary>
public static class FigureNames
{
    private static readonly (string Prefix, FigureHome Home)[] Homes =
        [("topology", FigureHome.Topology), ("kernel", FigureHome.KernelProfile), ("runtime", FigureHome.RuntimeProfile), ("scenario", FigureHome.Scenario)];

    /// <summary>The homes as a name starts, for messages.</summary>
    public static string Prefixes => string.Join(", ", Homes.Select(h => h.Prefix + ":KEY"));

    public static string Of(FigureId id) => Homes.First(h => h.Home == id.Home).Prefix + ":" + id.Key;

    /// <summary>The figure <paramref name="text"/> names; null when it does not start with a home (spaces after the colon allowed).</summary>
    public static FigureId? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var prefix = text[..colon].Trim();
        var key = text[(colon + 1)..].Trim();
        return Homes.FirstOrDefault(h => h.Prefix == prefix) is { Prefix: not null } home && key.Length > 0 ? new FigureId(home.Home, key) : null;
    }
}
