namespace MountSim.Hardware;

/// <summary>See <see cref="PlacementPolicy.OneSocket"/>: no line ever crosses sockets.</summary>
public sealed record OneSocketPlacement : PlacementPolicy
{
    public override string Name => "one-socket";

    public override IReadOnlyList<HardwareThread> Order(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return SpreadOrder(topology, topology.Sockets[0].Threads);
    }
}
