using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel.PathWalks;

/// <summary>
/// Background lookups one event each, for small cases and to check <see cref="ClosedFormPathWalks"/>:
/// every hardware thread starts lookups as a Poisson process; a lookup that finds the sequence
/// odd spins until the section ends and then walks; a walk during which a section started
/// restarts in ref-walk mode. Same parameters, same statistics as the closed form.
/// </summary>
public sealed class PerLookupPathWalks : ISequenceReaders, IEventTarget
{
    private const int WalkDoneTag = -1;
    private readonly Simulation _simulation;
    private readonly PathWalkParameters _parameters;
    private readonly RandomStream _random;
    private readonly int[] _domainOf;
    private readonly long _walkNs;
    private readonly List<(long ArrivedAt, int Cpu)> _spinning = [];
    private readonly Queue<(long ArrivedAt, long WalkStartedAt)> _walking = new();
    private readonly EntityId _id;
    private bool _sectionOpen;
    private long _oddSince = long.MinValue;
    private long _previousOddSince = long.MinValue;

    public PerLookupPathWalks(Simulation simulation, Topology topology, PathWalkParameters parameters, RandomStream random)
    {
        _simulation = simulation;
        _parameters = parameters;
        _random = random;
        _domainOf = [.. topology.Threads.Select(t => t.LlcIndex)];
        _walkNs = SimTime.FromNanoseconds(parameters.WalkNs);
        _id = simulation.Register(this);
        for (var cpu = 0; cpu < _domainOf.Length; cpu++)
        {
            ScheduleArrival(cpu);
        }
    }

    public PathWalkStatistics Statistics { get; } = new();

    public void OnSequenceOdd(long at)
    {
        _sectionOpen = true;
        _previousOddSince = _oddSince;
        _oddSince = at;
    }

    public void OnWriteSection(long start, long end, ContendedLine line)
    {
        _sectionOpen = false;
        foreach (var (arrivedAt, _) in _spinning)
        {
            Statistics.SpinNs += end - arrivedAt;
            Statistics.Spun++;
            StartWalk(arrivedAt, end);
        }

        // One copy and one spinning CPU per hardware thread, from its first spinner on.
        foreach (var (cpu, firstArrival) in _spinning.GroupBy(s => s.Cpu).Select(g => (g.Key, g.Min(s => s.ArrivedAt))))
        {
            Statistics.SpinCpuNs += end - firstArrival;
            line.AddSharedCopies(_domainOf[cpu], 1);
        }

        _spinning.Clear();
    }

    void IEventTarget.OnEvent(int tag)
    {
        var now = _simulation.Now;
        if (tag == WalkDoneTag)
        {
            FinishWalk(now);
            return;
        }

        ScheduleArrival(tag);
        if (_sectionOpen && now >= _oddSince)
        {
            _spinning.Add((now, tag));
        }
        else
        {
            StartWalk(now, now);
        }
    }

    private void StartWalk(long arrivedAt, long walkStartedAt)
    {
        _walking.Enqueue((arrivedAt, walkStartedAt));
        _simulation.ScheduleAt(walkStartedAt + _walkNs, _id, WalkDoneTag);
    }

    /// <summary>Walks all take the same time, so they finish in the order they started.</summary>
    private void FinishWalk(long now)
    {
        var (arrivedAt, walkStartedAt) = _walking.Dequeue();
        var latestStart = _oddSince <= now ? _oddSince : _previousOddSince;
        var overtaken = latestStart > walkStartedAt;
        if (overtaken)
        {
            Statistics.Restarts++;
        }

        Statistics.Latency.Record(now - arrivedAt + (overtaken ? _parameters.RefWalkPenaltyNs : 0));
    }

    private void ScheduleArrival(int cpu) =>
        _simulation.Schedule(SimTime.FromNanoseconds(-Math.Log(1 - _random.NextUnit()) / _parameters.PerCpuPerNs), _id, cpu);
}
