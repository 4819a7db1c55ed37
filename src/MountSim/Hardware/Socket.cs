namespace MountSim.Hardware;

/// <summary>A CPU package and its LLC domains.</summary>
public sealed record Socket(int Index, IReadOnlyList<LlcDomain> LlcDomains)
{
    public IEnumerable<Core> Cores => LlcDomains.SelectMany(l => l.Cores);

    public IEnumerable<HardwareThread> Threads => LlcDomains.SelectMany(l => l.Threads);

    public IEnumerable<int> NumaNodes => LlcDomains.Select(l => l.NumaNode).Distinct();
}
