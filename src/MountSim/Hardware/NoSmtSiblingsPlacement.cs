namespace MountSim.Hardware;

/// <summary>See <see cref="PlacementPolicy.NoSmtSiblings"/>: no thread is slowed by a busy sibling.</summary>
public sealed record NoSmtSiblingsPlacement : PlacementPolicy
{
    public override string Name => "no-smt";

    public override IReadOnlyList<HardwareThread> Order(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return SpreadOrder(topology, topology.Threads.Where(t => t.SmtRank == 0));
    }
}
