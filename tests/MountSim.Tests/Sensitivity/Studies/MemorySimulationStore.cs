using System.Collections.Concurrent;
using MountSim.Sensitivity.Studies;

namespace MountSim.Tests.Sensitivity.Studies;

/// <summary>A study's simulations kept in memory, counting those that reached it.</summary>
internal sealed class MemorySimulationStore : ISimulationStore
{
    private readonly ConcurrentDictionary<SimulationKey, StudySimulation> _runs = new();

    public int Saved => _runs.Count;

    public StudySimulation? Find(SimulationKey key, IReadOnlyList<double> figures) =>
        _runs.TryGetValue(key, out var run) && run.Figures.SequenceEqual(figures) ? run : null;

    public void Save(StudySimulation simulation) => _runs[simulation.Key] = simulation;
}
