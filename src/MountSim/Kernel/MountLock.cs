using MountSim.Engine;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;
using MountSim.Kernel.Execution;
using MountSim.Kernel.Loops;

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
    private readonly long[] _handoffsTo;
    private readonly List<(ILockClient Client, int Tag)> _sequenceWaiters = [];
    private ILockClient? _holder;
    private bool _holderBumpedSequence;
    private bool _holderIsLoopSection;
    private long _sequence;
    private double _lineUsedAt;
    private MountLoops? _loops;
    private ILockClient? _lastWriter;
    private double _externalBusyNs;
    private double _externalSince;
    private (long Releases, EntityId Target, int Tag)? _releaseWatch;
    private long _grantedAt;

    public MountLock(Simulation simulation, Topology topology, ISequenceReaders? readers = null, int homeSocket = 0)
    {
        _simulation = simulation;
        _topology = topology;
        _readers = readers;
        Line = new ContendedLine(topology, "mount_lock", homeSocket);
        _handoffsTo = new long[topology.Threads.Count * _handoffsByDistance.Length];
    }

    /// <summary>The line holding the spinlock word and the sequence.</summary>
    public ContendedLine Line { get; }

    /// <summary>The sequence count: odd while a writer is inside (the closed-form loops' write sections counted as they go).</summary>
    public long Sequence => _sequence + (_loops is { } loops ? 2 * loops.WriteSectionsBy(_simulation.Now) : 0);

    /// <summary>
    /// Time the lock has been taken by threads outside the closed-form loops up to <paramref name="now"/>, in ns: from
    /// the handoff to such a thread (or its request on a free lock) to its release. A loop's wait that overlaps it
    /// was a wait behind their sections, which meet the loops as they come; the rest is the loops' own contention.
    /// </summary>
    internal double ExternalBusyNs(long now) => _externalBusyNs + (_holder is not null && !_holderIsLoopSection && !MountLoops.InLoop(_holder) ? Math.Max(0, now - _externalSince) : 0);

    /// <summary>When a thread's own request last used the line, in ns.</summary>
    internal double LineUsedAt => _lineUsedAt;

    /// <summary>When the last write section ended, in ns (-infinity before the first): a thread's own, or a closed-form loop's that stopped skipping.</summary>
    internal double LastWriteEndAt { get; private set; } = double.NegativeInfinity;

    /// <summary>A closed-form loop that stops skipping made its last write section end at <paramref name="time"/>.</summary>
    internal void NoteWriteEnd(double time) => LastWriteEndAt = Math.Max(LastWriteEndAt, time);

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

    /// <summary>The kernel's closed-form loops, whose sections this lock's other users meet; null when loops run round by round.</summary>
    internal MountLoops? Loops
    {
        set => _loops = value;
    }

    /// <summary>Handoffs the closed-form loops made, <paramref name="count"/> at <paramref name="distance"/>.</summary>
    internal void CountHandoffs(DistanceClass distance, long count) => _handoffsByDistance[(int)distance] += count;

    /// <summary>Handoffs so far to the thread on <paramref name="hardwareThread"/> from <paramref name="distance"/> away.</summary>
    internal long HandoffsTo(int hardwareThread, DistanceClass distance) => _handoffsTo[(hardwareThread * _handoffsByDistance.Length) + (int)distance];

    /// <summary>The lock counts as held for the skipping loops' share of the time while no thread's own section is in it.</summary>
    internal void RefreshVirtualShare(long now)
    {
        if (_holder is null || _holderIsLoopSection)
        {
            Statistics.Utilization.Update(now, _loops?.HeldShare ?? 0);
        }
    }

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
        var loops = _loops is { AnySkipping: true } ? _loops : null;
        loops?.SyncLine(now);
        var loopSection = _holderIsLoopSection;
        if (_holderBumpedSequence)
        {
            if (!loopSection)
            {
                // A loop's section that another user met is in its loop's batches, not here.
                loops?.BeforeWriteSection(_grantedAt);
                _readers?.OnWriteSection(_grantedAt, now, Line);
                if (_lastWriter is KernelThread { Loop: { Sampling: true } sampled } && !(loops?.LastWriteEndBefore(_grantedAt) > LastWriteEndAt))
                {
                    sampled.Sample.OnFollowed(_grantedAt - LastWriteEndAt);
                }

                _lastWriter = client;
                LastWriteEndAt = now;
                _sequence++;
            }

            foreach (var (waiter, _) in _sequenceWaiters)
            {
                Line.Read(now, waiter.HardwareThread);
            }
        }

        if (!loopSection)
        {
            Statistics.HoldTime.Record(now - _grantedAt);
        }

        // A thread's own section takes the lock until the next holder has it: the handoff after it is its too.
        var externalSince = !loopSection && !MountLoops.InLoop(client) ? _externalSince : double.NaN;

        _holderIsLoopSection = false;
        Releases++;
        if (_releaseWatch is { } watch && Releases >= watch.Releases)
        {
            _releaseWatch = null;
            _simulation.Schedule(0, watch.Target, watch.Tag);
        }

        var released = Line.Write(now, client.HardwareThread);
        _lineUsedAt = now;
        if (_holderBumpedSequence)
        {
            ReleaseSequenceWaiters(released);
        }

        if (_waiting.Count == 0)
        {
            _holder = null;
            Statistics.Utilization.Update(now, _loops?.HeldShare ?? 0);
            AddExternalBusy(externalSince, released);
            _loops?.Unblock(released, client.HardwareThread);
            return;
        }

        if (loopSection)
        {
            Statistics.Utilization.Update(now, 1);
        }

        if (_loops?.FirstStalled(_waiting[0].RequestedAt, now) is { } stalled)
        {
            // A closed-form loop that stalled asking before the queue's head goes first, as in the MCS queue.
            var section = stalled.StalledSection;
            var granted = _loops.HandTo(stalled, released, client.HardwareThread);
            AddExternalBusy(externalSince, granted);
            _holder = stalled.Thread;
            _holderIsLoopSection = true;
            _holderBumpedSequence = stalled.Bumps(section);
            _grantedAt = (long)Math.Ceiling(granted);
            _loops.ReleaseAt(stalled.Thread, granted + stalled.Hold(section));
            return;
        }

        var head = _waiting.Dequeue();
        Statistics.QueueLength.Update(now, _waiting.Count);
        var distance = (int)_topology.DistanceBetween(client.HardwareThread, head.Client.HardwareThread);
        _handoffsByDistance[distance]++;
        _handoffsTo[(head.Client.HardwareThread * _handoffsByDistance.Length) + distance]++;
        var sawFree = Line.Read(released, head.Client.HardwareThread);
        Grant(head, Line.Write(sawFree, head.Client.HardwareThread));
        AddExternalBusy(externalSince, _grantedAt);
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

    /// <summary>
    /// True while the sequence is odd at <paramref name="time"/>: a path walk starting then spins. A lookup now
    /// that meets a closed-form loop's write section in progress finds it odd until that section ends.
    /// </summary>
    public bool IsSequenceOddAt(long time)
    {
        if (_holder is null && time == _simulation.Now && _loops is { AnySkipping: true })
        {
            HoldForLoopSection(time, queued: false);
        }

        return _holder is not null && _holderBumpedSequence && time >= _grantedAt;
    }

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
        if (_loops is { AnySkipping: true } loops)
        {
            // The newcomer waits for the loops' section in progress and those queued before it; the loops wait for a thread's own section.
            loops.SyncLine(now);
            if (_holder is null)
            {
                HoldForLoopSection(now, queued: true);
            }

            // A loop's own sections are in the others' samples already.
            if (!MountLoops.InLoop(client))
            {
                loops.Block(now);
            }
        }

        _lineUsedAt = now;
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
        _externalSince = now;
        if (waiter.BumpsSequence)
        {
            _sequence++;
            _readers?.OnSequenceOdd(_grantedAt);
        }

        Statistics.Acquisitions++;
        Statistics.WaitTime.Record(_grantedAt - waiter.RequestedAt);
        _simulation.Schedule(delay, waiter.Client.Id, waiter.Tag);
    }

    /// <summary>A thread outside the loops (<paramref name="since"/> not NaN) had the lock from <paramref name="since"/> to <paramref name="until"/>.</summary>
    private void AddExternalBusy(double since, double until)
    {
        if (!double.IsNaN(since))
        {
            _externalBusyNs += until - since;
        }
    }

    /// <summary>
    /// The lock, free of threads' own sections, is held at <paramref name="now"/> by a skipping loop's section
    /// (and, for a writer that <paramref name="queued"/>, the loops' sections asked for before it): the loop's
    /// thread holds it until then, in the loop's name. For a lookup only a write section counts.
    /// </summary>
    private void HoldForLoopSection(long now, bool queued)
    {
        if (_loops!.SectionInProgress(now, queued) is not { } section || section.Until <= now || (!queued && !section.Odd))
        {
            return;
        }

        _holder = section.Holder;
        _holderIsLoopSection = true;
        _holderBumpedSequence = section.Odd;
        _grantedAt = now;
        _loops.ReleaseAt(section.Holder, section.Until);
    }

    private readonly record struct Waiter(ILockClient Client, int Tag, bool BumpsSequence, long RequestedAt);
}
