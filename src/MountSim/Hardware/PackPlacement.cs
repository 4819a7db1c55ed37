namespace MountSim.Hardware;

/// <summary>See <see cref="PlacementPolicy.Pack"/>: tree order is exactly packing order.</summary>
public sealed record PackPlacement : PlacementPolicy
{
    public override string Name => "pack";

    public override IReadOnlyList<HardwareThread> Order(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Threads;
    }
}
