namespace MountSim.Hardware;

/// <summary>
/// How a contended line is arbitrated. <see cref="HomeServiceNs"/> is the time the serializing agent
/// is busy per request: the mesh home agent for <see cref="CoherenceKind.Centralized"/>, the
/// cross-domain directory (probe filter) for <see cref="CoherenceKind.Distributed"/>.
/// <see cref="LocalServiceNs"/> is the in-domain service (the CCX's L3 shadow tags) and is only
/// meaningful for <see cref="CoherenceKind.Distributed"/>.
/// </summary>
public sealed record CoherenceArbitration(CoherenceKind Kind, double HomeServiceNs, double LocalServiceNs)
{
    public static CoherenceArbitration Centralized(double homeServiceNs) =>
        new(CoherenceKind.Centralized, homeServiceNs, homeServiceNs);

    public static CoherenceArbitration Distributed(double localServiceNs, double directoryServiceNs) =>
        new(CoherenceKind.Distributed, directoryServiceNs, localServiceNs);

    /// <summary>The YAML spelling of <see cref="Kind"/>.</summary>
    public string KindName => Kind == CoherenceKind.Centralized ? "centralized" : "distributed";
}
