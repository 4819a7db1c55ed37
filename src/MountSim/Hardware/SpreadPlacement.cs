namespace MountSim.Hardware;

/// <summary>See <see cref="PlacementPolicy.Spread"/>.</summary>
public sealed record SpreadPlacement : PlacementPolicy
{
    public override string Name => "spread";

    public override IReadOnlyList<HardwareThread> Order(Topology topology) => SpreadOrder(topology, topology.Threads);
}
