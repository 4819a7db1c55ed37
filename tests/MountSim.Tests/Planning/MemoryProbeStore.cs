using System.Collections.Concurrent;
using MountSim.Planning;

namespace MountSim.Tests.Planning;

/// <summary>A plan's runs kept in memory, counting the simulations that reached it.</summary>
internal sealed class MemoryProbeStore : IProbeStore
{
    private readonly ConcurrentDictionary<ProbeKey, ProbeRun> _runs = new();

    public int Saved => _runs.Count;

    public ProbeRun? Find(ProbeKey key) => _runs.GetValueOrDefault(key);

    public void Save(ProbeRun run) => _runs[run.Key] = run;
}
