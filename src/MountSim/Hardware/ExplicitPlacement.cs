namespace MountSim.Hardware;

/// <summary>Exactly these OS cpus, in this order, each thread pinned to its own (the harness's workers, <c>taskset</c> per thread).</summary>
public sealed record ExplicitPlacement : PlacementPolicy
{
    public ExplicitPlacement(IReadOnlyList<int> osCpus)
    {
        ArgumentNullException.ThrowIfNull(osCpus);
        if (osCpus.Count == 0)
        {
            throw new ArgumentException("An explicit placement needs at least one CPU.", nameof(osCpus));
        }

        OsCpus = osCpus;
    }

    public IReadOnlyList<int> OsCpus { get; }

    public override string Name => "cpus:" + string.Join(",", OsCpus);

    public override bool Pins => true;

    /// <exception cref="ArgumentException">A CPU is not in the topology.</exception>
    public override IReadOnlyList<HardwareThread> Order(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return [.. OsCpus.Select(cpu => topology.Threads[topology.IndexOfCpu(cpu)])];
    }
}
