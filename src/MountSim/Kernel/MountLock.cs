using MountSim.Engine;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel;

/// <summary>
/// <c>mount_lock</c>: a seqlock, i.e. a qspinlock plus a sequence count, on one cache line
/// (<c>__cacheline_aligned_in_smp</c>). <see cref="WriteLock"/> is <c>write_seqlock</c>: take the
/// spinlock, make the sequence odd; <see cref="LockExclusive"/> is <c>read_seqlock_excl</c>: the
/// spinlock alone. Waiters are served in FIFO order, as qspinlock's MCS queue does.
/// </summary>
/// <remarks>
/// Every cost is a request for the line (../shared/reference/kernel-mount-locks.md 2.2, ../shared/reference/hardware.md 2): an
/// uncontended lock is one read-for-ownership; a contender publishes itself with
/// <c>xchg_tail</c>, one more; the queue head spins reading the lock word. Unlocking is the
/// writer's store (sequence even, lock released), which must invalidate every Shared copy,
/// those of the path walks spinning in <c>path_init</c> included; then the head reads the free
/// lock word and claims it. So a handoff costs a few line requests, more when many readers
/// spin, and each of them waits its turn at the line's home agent or directory: the longer
/// write sections that follow are the feedback ../shared/design/MODEL.md section 4 describes, not a constant.
/// </remarks>
public sealed class MountLock
{
    private readonly Simulation _simulation;
    private readonly Topology _topology;
    private readonly ISequenceReaders? _readers;
    private readonly RingBuffer<Waiter> _waiting = new();
    private readonly long[] _handoffsByDistance = new long[Enum.GetValues<DistanceClass>().Length];
    private readonly List<(ILockClient Client, int Tag)> _sequenceWaiters = [];
    private ILockClient? _holder;
    private bool _holderBumpedSequence;
    private (long Releases, EntityId Target, int Tag)? _releaseWatch;
    private long _grantedAt;

    public MountLock(Simulation simulation, Topology topology, ISequenceReaders? readers = null, int homeSocket = 0)
    {
        _simulation = simulation;
        _topology = topology;
        _readers = readers;
        Line = new ContendedLine(topology, "mount_lock", homeSocket);
    }

    /// <summary>The line holding the spinlock word and the sequence.</summary>
    public ContendedLine Line { get; }

    /// <summary>The sequence count: odd while a writer is inside.</summary>
    public long Sequence { get; private set; }

    public bool IsLocked => _holder is not null;

    public int WaitingCount => _waiting.Count;

    /// <summary>Releases so far (write and exclusive sections alike).</summary>
    public long Releases { get; private set; }

    /// <summary>Threads in the lock now, spinning with preemption off: the holder and every waiter.</summary>
    public int Occupants => (_holder is null ? 0 : 1) + _waiting.Count;

    /// <summary>Sends <paramref name="target"/> <paramref name="tag"/> at the release that brings <see cref="Releases"/> to <paramref name="releases"/> (now, if it is there); one watch at a time.</summary>
    public void NotifyAtRelease(long releases, EntityId target, int tag)
    {
        if (Releases >= releases)
        {
            _simulation.Schedule(0, target, tag);
            return;
        }

        _releaseWatch = (releases, target, tag);
    }

    /// <summary>Acquisitions, waits (request to grant), holds (grant to unlock), queue length and utilization.</summary>
    public ResourceStatistics Statistics { get; } = new();

    /// <summary>Lock handoffs from a releaser to the next holder, by the distance between them.</summary>
    public IReadOnlyList<long> HandoffsByDistance => _handoffsByDistance;

    /// <summary>
    /// <c>write_seqlock</c>: <paramref name="client"/> spins until it holds the lock and then makes
    /// the sequence odd; it is woken with <paramref name="tag"/> at that moment.
    /// </summary>
    public void WriteLock(ILockClient client, int tag) => Acquire(client, tag, bumpsSequence: true);

    /// <summary><c>read_seqlock_excl</c>: the spinlock without touching the sequence (readers that fell back).</summary>
    public void LockExclusive(ILockClient client, int tag) => Acquire(client, tag, bumpsSequence: false);

    /// <summary>Releases the lock (<c>write_sequnlock</c> or <c>read_sequnlock_excl</c>) and hands it to the next waiter.</summary>
    public void Unlock(ILockClient client)
    {
        if (!ReferenceEquals(_holder, client))
        {
            throw new InvalidOperationException($"mount_lock: unlocked by {client.Id}, which does not hold it.");
        }

        var now = _simulation.Now;
        if (_holderBumpedSequence)
        {
            _readers?.OnWriteSection(_grantedAt, now, Line);
            foreach (var (waiter, _) in _sequenceWaiters)
            {
                Line.Read(now, waiter.HardwareThread);
            }

            Sequence++;
        }

        Statistics.HoldTime.Record(now - _grantedAt);
        Releases++;
        if (_releaseWatch is { } watch && Releases >= watch.Releases)
        {
            _releaseWatch = null;
            _simulation.Schedule(0, watch.Target, watch.Tag);
        }

        var released = Line.Write(now, client.HardwareThread);
        if (_holderBumpedSequence)
        {
            ReleaseSequenceWaiters(released);
        }

        if (_waiting.Count == 0)
        {
            _holder = null;
            Statistics.Utilization.Update(now, 0);
            return;
        }

        var head = _waiting.Dequeue();
        Statistics.QueueLength.Update(now, _waiting.Count);
        _handoffsByDistance[(int)_topology.DistanceBetween(client.HardwareThread, head.Client.HardwareThread)]++;
        var sawFree = Line.Read(released, head.Client.HardwareThread);
        Grant(head, Line.Write(sawFree, head.Client.HardwareThread));
        if (_waiting.Count > 0)
        {
            // The next waiter becomes the MCS queue head and starts spinning on the lock word.
            Line.Read(_grantedAt, _waiting[0].Client.HardwareThread);
        }
    }

    /// <summary>
    /// A simulated thread's own lookup found the sequence odd (<see cref="IsSequenceOddAt"/>): it
    /// spins in path_init, holding a Shared copy, and gets <paramref name="tag"/> once it reads the
    /// sequence even again.
    /// </summary>
    public void WaitForEvenSequence(ILockClient client, int tag) => _sequenceWaiters.Add((client, tag));

    /// <summary>True while the sequence is odd at <paramref name="time"/>: a path walk starting then spins.</summary>
    public bool IsSequenceOddAt(long time) => _holder is not null && _holderBumpedSequence && time >= _grantedAt;

    /// <summary>The writer's store made the sequence even at <paramref name="released"/>: each spinner re-reads it and goes on.</summary>
    private void ReleaseSequenceWaiters(double released)
    {
        var now = _simulation.Now;
        foreach (var (waiter, tag) in _sequenceWaiters)
        {
            _simulation.Schedule(SimTime.FromNanoseconds(Line.Read(released, waiter.HardwareThread) - now), waiter.Id, tag);
        }

        _sequenceWaiters.Clear();
    }

    private void Acquire(ILockClient client, int tag, bool bumpsSequence)
    {
        var now = _simulation.Now;
        var waiter = new Waiter(client, tag, bumpsSequence, now);
        if (_holder is null)
        {
            Statistics.Utilization.Update(now, 1);
            Grant(waiter, Line.Write(now, client.HardwareThread));
            return;
        }

        // xchg_tail publishes the waiter on the lock word; only the queue head then spins on it.
        var published = Line.Write(now, client.HardwareThread);
        if (_waiting.Count == 0)
        {
            Line.Read(published, client.HardwareThread);
        }

        _waiting.Enqueue(waiter);
        Statistics.QueueLength.Update(now, _waiting.Count);
    }

    /// <summary>Makes <paramref name="waiter"/> the holder from <paramref name="at"/> (ns) and wakes it then.</summary>
    private void Grant(in Waiter waiter, double at)
    {
        var now = _simulation.Now;
        var delay = SimTime.FromNanoseconds(at - now);
        _holder = waiter.Client;
        _holderBumpedSequence = waiter.BumpsSequence;
        _grantedAt = now + delay;
        if (waiter.BumpsSequence)
        {
            Sequence++;
            _readers?.OnSequenceOdd(_grantedAt);
        }

        Statistics.Acquisitions++;
        Statistics.WaitTime.Record(_grantedAt - waiter.RequestedAt);
        _simulation.Schedule(delay, waiter.Client.Id, waiter.Tag);
    }

    private readonly record struct Waiter(ILockClient Client, int Tag, bool BumpsSequence, long RequestedAt);
}
