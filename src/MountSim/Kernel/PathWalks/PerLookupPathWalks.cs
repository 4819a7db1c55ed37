using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel.PathWalks;

/// <summary>
/// Background lookups one event each, for small cases and to check <see cref="ClosedFormPathWalks"/>:
/// every hardware thread starts lookups as a Poisson process; a lookup that finds the sequence
/// odd spins until the section ends and then walks; a walk during which a section started
/// restarts in ref-walk mode, spinning first if the section is still open. Same parameters, same
/// statistics as the closed form.
/// </summary>
public sealed class PerLookupPathWalks : IPathWalkModel, IEventTarget
{
    private const int WalkDoneTag = -1;
    private const int RefWalkDoneTag = -2;
    private readonly Simulation _simulation;
    private readonly PathWalkParameters _parameters;
    private readonly RandomStream _random;
    private readonly int[] _domainOf;
    private readonly long _walkNs;
    private readonly List<(long ArrivedAt, long SpinningSince, int Cpu, bool Restarted)> _spinning = [];
    private readonly Queue<(long ArrivedAt, long WalkStartedAt, int Cpu)> _walking = new();
    private readonly Queue<long> _refWalking = new();
    private readonly long _refWalkNs;
    private readonly EntityId _id;
    private readonly BackgroundCpuShare _share;
    private bool _sectionOpen;
    private long _oddSince = long.MinValue;
    private long _previousOddSince = long.MinValue;

    public PerLookupPathWalks(Simulation simulation, Topology topology, PathWalkParameters parameters, RandomStream random, double schedulerHorizonNs = 3e6)
    {
        _simulation = simulation;
        _parameters = parameters;
        _random = random;
        _domainOf = [.. topology.Threads.Select(t => t.LlcIndex)];
        _walkNs = SimTime.FromNanoseconds(parameters.WalkNs);
        _refWalkNs = SimTime.FromNanoseconds(parameters.RefWalkPenaltyNs);
        _id = simulation.Register(this);
        _share = new BackgroundCpuShare(_domainOf.Length, parameters, schedulerHorizonNs);
        for (var cpu = 0; cpu < _domainOf.Length; cpu++)
        {
            ScheduleArrival(cpu);
        }
    }

    public PathWalkStatistics Statistics { get; } = new();

    public double BackgroundShare(int cpu, long now) => _share.Of(cpu, now);

    /// <summary>Nothing to settle: each lookup is recorded as it finishes.</summary>
    public void Flush(long now)
    {
    }

    public void OnSequenceOdd(long at)
    {
        _sectionOpen = true;
        _previousOddSince = _oddSince;
        _oddSince = at;
    }

    public void OnWriteSection(long start, long end, ContendedLine line)
    {
        _sectionOpen = false;
        foreach (var (arrivedAt, spinningSince, cpu, restarted) in _spinning)
        {
            Statistics.SpinNs += end - spinningSince;
            Statistics.Spun++;
            if (restarted)
            {
                _refWalking.Enqueue(arrivedAt);
                _simulation.ScheduleAt(end + _refWalkNs, _id, RefWalkDoneTag);
            }
            else
            {
                StartWalk(arrivedAt, end, cpu);
            }
        }

        // One copy and one spinning CPU per hardware thread, from its first spinner on.
        foreach (var (cpu, since) in _spinning.GroupBy(s => s.Cpu).Select(g => (g.Key, g.Min(s => s.SpinningSince))))
        {
            Statistics.SpinCpuNs += end - since;
            _share.AddSpin(cpu, end - since, end);
            line.AddSharedCopies(_domainOf[cpu], 1);
        }

        _spinning.Clear();
    }

    void IEventTarget.OnEvent(int tag)
    {
        var now = _simulation.Now;
        switch (tag)
        {
            case WalkDoneTag:
                FinishWalk(now);
                return;
            case RefWalkDoneTag:
                Statistics.Latency.Record(now - _refWalking.Dequeue());
                return;
        }

        ScheduleArrival(tag);
        if (IsOdd(now))
        {
            _spinning.Add((now, now, tag, false));
        }
        else
        {
            StartWalk(now, now, tag);
        }
    }

    private bool IsOdd(long now) => _sectionOpen && now >= _oddSince;

    private void StartWalk(long arrivedAt, long walkStartedAt, int cpu)
    {
        _walking.Enqueue((arrivedAt, walkStartedAt, cpu));
        _simulation.ScheduleAt(walkStartedAt + _walkNs, _id, WalkDoneTag);
    }

    /// <summary>
    /// Walks all take the same time, so they finish in the order they started. One that a section
    /// overtook restarts in ref-walk mode: it spins first while that section lasts.
    /// </summary>
    private void FinishWalk(long now)
    {
        var (arrivedAt, walkStartedAt, cpu) = _walking.Dequeue();
        var latestStart = _oddSince <= now ? _oddSince : _previousOddSince;
        if (latestStart <= walkStartedAt)
        {
            Statistics.Latency.Record(now - arrivedAt);
            return;
        }

        Statistics.Restarts++;
        if (IsOdd(now))
        {
            _spinning.Add((arrivedAt, now, cpu, true));
            return;
        }

        Statistics.Latency.Record(now - arrivedAt + _parameters.RefWalkPenaltyNs);
    }

    private void ScheduleArrival(int cpu) =>
        _simulation.Schedule(SimTime.FromNanoseconds(-Math.Log(1 - _random.NextUnit()) / _parameters.PerCpuPerNs), _id, cpu);
}
