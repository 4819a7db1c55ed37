using MountSim.Engine;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel;

/// <summary>
/// <c>namespace_sem</c>: the kernel's one rw_semaphore over every mount tree (kernel/locking/rwsem.c
/// as summarized in ../shared/reference/kernel-mount-locks.md 2.3). What matters for contention:
/// <list type="bullet">
/// <item>readers take the fast path only while nobody waits; once anyone is queued they queue too
/// (unless they can steal a free, un-handed-off lock);</item>
/// <item>a writer that finds a running writer owner spins (optimistic spinning, FIFO like the
/// OSQ) and keeps its CPU; an owner that is not on a CPU is not spun on; on a reader-owned lock
/// it spins a bounded time, then sleeps and no writer spins on it again until a writer has owned it
/// (RWSEM_NONSPINNABLE); a spinner whose CPU another thread waits for (need_resched)
/// stops and sleeps, and a writer does not start to spin then;</item>
/// <item>sleepers wait in one FIFO list and every release wakes the first of them (rwsem_wake), even
/// when a spinner takes the lock; a woken writer runs only after the wake-up latency, and a spinner
/// may take the lock first; a first waiter, writer or reader, that finds the lock taken after waiting
/// past the handoff timeout claims it for itself (RWSEM_FLAG_HANDOFF, set by rwsem_mark_wake for a
/// reader) and nobody steals it any more;</item>
/// <item>a reader at the head of the list wakes up to <see cref="RwSemaphoreParameters.MaxReadersWakeup"/>
/// readers, writers between them staying queued.</item>
/// </list>
/// Every atomic on the count is a request for its cache line.
/// </summary>
public sealed class NamespaceSemaphore : IEventTarget
{
    private const int WokenTag = 0;
    private const int SpinLimitTag = 1;
    private readonly Simulation _simulation;
    private readonly RwSemaphoreParameters _parameters;
    private readonly List<Waiter> _spinning = [];
    private readonly List<Waiter> _sleeping = [];
    private readonly Queue<Waiter> _waking = new();
    private readonly EntityId _id;
    private ISleepingClient? _writer;
    private ISleepingClient? _handoffOwner;

    // RWSEM_NONSPINNABLE: a writer's spin on readers timed out, so no writer spins again until one owns the lock.
    private bool _nonSpinnable;
    private long _heldSince;

    public NamespaceSemaphore(Simulation simulation, Topology topology, RwSemaphoreParameters parameters, int homeSocket = 0)
    {
        _simulation = simulation;
        _parameters = parameters;
        Line = new ContendedLine(topology, "namespace_sem", homeSocket);
        _id = simulation.Register(this);
    }

    /// <summary>The line of the count word, which every down and up changes.</summary>
    public ContendedLine Line { get; }

    public int Readers { get; private set; }

    public bool WriterInside => _writer is not null;

    /// <summary>Grants, waits (request to grant) and utilization (held by anyone), readers and writers together.</summary>
    public ResourceStatistics Statistics { get; } = new();

    /// <summary>Writers' optimistic spinning, in ns of CPU time.</summary>
    public double SpinNs { get; private set; }

    /// <summary>Waiters that went to sleep.</summary>
    public long Sleeps { get; private set; }

    /// <summary>Times the first waiter claimed a handoff after waiting past the timeout.</summary>
    public long Handoffs { get; private set; }

    /// <summary><c>down_read</c>: <paramref name="client"/> is woken with <paramref name="tag"/> once it holds the lock.</summary>
    public void DownRead(ISleepingClient client, int tag)
    {
        var waiter = new Waiter(client, tag, Write: false, _simulation.Now, Deadline: long.MaxValue);

        // The fast path while nobody sleeps. Otherwise (rwsem_down_read_slowpath) a reader counts
        // itself, so with another reader inside it queues (anti-starvation): only a free lock
        // without a handoff can be stolen.
        if (!WriterInside && _handoffOwner is null && (_sleeping.Count == 0 || Readers == 0))
        {
            GrantReaders(waiter, Atomic(client));
            WakeQueuedReadersAfterSteal();
            return;
        }

        Sleep(waiter);
    }

    /// <summary><c>down_write</c>: <paramref name="client"/> is woken with <paramref name="tag"/> once it holds the lock.</summary>
    public void DownWrite(ISleepingClient client, int tag)
    {
        var now = _simulation.Now;
        var waiter = new Waiter(client, tag, Write: true, now, Deadline: long.MaxValue);
        if (!WriterInside && Readers == 0 && _handoffOwner is null && _spinning.Count == 0)
        {
            GrantWriter(waiter, Atomic(client));
            return;
        }

        Line.Read(now, client.HardwareThread);
        if (_writer is { IsOnCpu: false } || client.NeedsResched || _nonSpinnable)
        {
            // rwsem_can_spin_on_owner fails: its spin ends before it starts, the deadline marks where spinning stopped.
            Sleep(waiter with { Deadline = now });
            return;
        }

        _spinning.Add(WriterInside ? waiter : WithSpinLimit(waiter, now));
    }

    /// <summary>
    /// need_resched on <paramref name="client"/>'s CPU: if it spins, it stops (rwsem_spin_on_owner returns
    /// OWNER_NONSPINNABLE, rwsem_optimistic_spin breaks out and leaves the OSQ) and sleeps at the tail of the
    /// wait list (rwsem_down_write_slowpath), freeing its CPU.
    /// </summary>
    public void StopSpinning(ISleepingClient client)
    {
        for (var i = 0; i < _spinning.Count; i++)
        {
            if (ReferenceEquals(_spinning[i].Client, client))
            {
                var spinner = _spinning[i];
                _spinning.RemoveAt(i);
                Sleep(spinner with { Deadline = Math.Min(spinner.Deadline, _simulation.Now) });
                return;
            }
        }
    }

    /// <summary><c>up_write</c>.</summary>
    public void UpWrite(ISleepingClient client)
    {
        if (!ReferenceEquals(_writer, client))
        {
            throw new InvalidOperationException($"namespace_sem: up_write by {client.Id}, which is not the writer inside.");
        }

        _writer = null;
        Released(Atomic(client));
    }

    /// <summary><c>up_read</c>.</summary>
    public void UpRead(ISleepingClient client)
    {
        if (Readers == 0)
        {
            throw new InvalidOperationException($"namespace_sem: up_read by {client.Id} with no reader inside.");
        }

        Readers--;
        var released = Atomic(client);
        if (Readers == 0)
        {
            Released(released);
        }
    }

    void IEventTarget.OnEvent(int tag)
    {
        var now = _simulation.Now;
        if (tag == SpinLimitTag)
        {
            // Writers whose bounded spin on a reader-owned lock ran out go to sleep, and mark the lock
            // non-spinnable (rwsem_optimistic_spin: rwsem_set_nonspinnable) for the writers after them.
            foreach (var expired in _spinning.Where(w => w.Deadline <= now).ToList())
            {
                _spinning.Remove(expired);
                _nonSpinnable = true;
                Sleep(expired);
            }

            return;
        }

        // A woken writer runs again and tries the lock; a spinner may have taken it meanwhile.
        var woken = _waking.Dequeue();
        var free = !WriterInside && Readers == 0;
        if (free && (_handoffOwner is null || ReferenceEquals(_handoffOwner, woken.Client)))
        {
            _handoffOwner = null;
            GrantWriter(woken, Atomic(woken.Client));
            return;
        }

        if (_handoffOwner is null && now - woken.RequestedAt >= _parameters.HandoffTimeoutNs)
        {
            _handoffOwner = woken.Client;
            Handoffs++;
        }

        _sleeping.Insert(0, woken);
        Statistics.QueueLength.Update(now, _sleeping.Count);
        if (free)
        {
            // Free, but handed off to another sleeper: give it the lock now.
            Released(now);
        }
    }

    /// <summary>The lock is free at <paramref name="at"/>: the handoff owner or a spinner takes it, or the first sleepers are woken.</summary>
    private void Released(double at)
    {
        var now = _simulation.Now;
        if (Statistics.Utilization.Current > 0)
        {
            Statistics.Utilization.Update(now, 0);
            Statistics.HoldTime.Record(now - _heldSince);
        }

        if (_handoffOwner is not null)
        {
            var index = _sleeping.FindIndex(w => ReferenceEquals(w.Client, _handoffOwner));
            if (index >= 0 && !_sleeping[index].Write)
            {
                // A reader handed the lock wakes with the readers queued with it.
                _handoffOwner = null;
                WakeReaders(at);
            }
            else if (index >= 0)
            {
                // The handoff owner takes the lock as it is released and runs once woken.
                var owner = _sleeping[index];
                _sleeping.RemoveAt(index);
                _handoffOwner = null;
                Statistics.QueueLength.Update(now, _sleeping.Count);
                GrantWriter(owner, at + _parameters.WakeupLatencyNs);
            }

            // Otherwise it is on its way back from a wake-up and takes the free lock then.
            return;
        }

        if (_spinning.Count > 0)
        {
            var spinner = _spinning[0];
            _spinning.RemoveAt(0);
            GrantWriter(spinner, Line.Write(at, spinner.Client.HardwareThread));
            WakeFirstSleeperToATakenLock(at);
            return;
        }

        if (_sleeping.Count == 0)
        {
            return;
        }

        if (_sleeping[0].Write)
        {
            var writer = _sleeping[0];
            _sleeping.RemoveAt(0);
            Statistics.QueueLength.Update(now, _sleeping.Count);
            _waking.Enqueue(writer);
            _simulation.Schedule(SimTime.FromNanoseconds(at - now + _parameters.WakeupLatencyNs), _id, WokenTag);
            return;
        }

        WakeReaders(at);
    }

    /// <summary>
    /// The release woke the first sleeper, but a spinner took the lock: a writer wakes, fails and sleeps
    /// again (claiming the handoff once it has waited long enough, <see cref="IEventTarget.OnEvent"/>);
    /// readers are not granted a writer-owned lock, and the first of them claims the handoff the same way.
    /// </summary>
    private void WakeFirstSleeperToATakenLock(double at)
    {
        if (_sleeping.Count == 0)
        {
            return;
        }

        var now = _simulation.Now;
        var first = _sleeping[0];
        if (first.Write)
        {
            _sleeping.RemoveAt(0);
            Statistics.QueueLength.Update(now, _sleeping.Count);
            _waking.Enqueue(first);
            _simulation.Schedule(SimTime.FromNanoseconds(at - now + _parameters.WakeupLatencyNs), _id, WokenTag);
        }
        else if (now - first.RequestedAt >= _parameters.HandoffTimeoutNs)
        {
            _handoffOwner = first.Client;
            Handoffs++;
        }
    }

    /// <summary>Wakes up to the batch limit of sleeping readers, skipping writers, and grants them the lock now.</summary>
    private void WakeReaders(double at)
    {
        var woken = 0;
        for (var i = 0; i < _sleeping.Count && woken < _parameters.MaxReadersWakeup;)
        {
            if (_sleeping[i].Write)
            {
                i++;
                continue;
            }

            var reader = _sleeping[i];
            _sleeping.RemoveAt(i);
            GrantReaders(reader, at + _parameters.WakeupLatencyNs);
            woken++;
        }

        Statistics.QueueLength.Update(_simulation.Now, _sleeping.Count);
    }

    /// <summary>A reader that stole the lock wakes the readers queued behind (RWSEM_WAKE_READ_OWNED).</summary>
    private void WakeQueuedReadersAfterSteal()
    {
        if (_sleeping.Count > 0 && !_sleeping[0].Write)
        {
            WakeReaders(_simulation.Now);
        }
    }

    private void Sleep(in Waiter waiter)
    {
        Sleeps++;
        _sleeping.Add(waiter);
        Statistics.QueueLength.Update(_simulation.Now, _sleeping.Count);
        waiter.Client.OnSleep(_simulation.Now);
    }

    private Waiter WithSpinLimit(Waiter waiter, long now)
    {
        var deadline = now + SimTime.FromNanoseconds(_parameters.ReaderOwnedSpinNs(Readers));
        _simulation.ScheduleAt(deadline, _id, SpinLimitTag);
        return waiter with { Deadline = deadline };
    }

    private void GrantWriter(in Waiter waiter, double at)
    {
        // rwsem_set_owner overwrites the owner word, and the non-spinnable bit with it.
        _nonSpinnable = false;
        _writer = waiter.Client;
        Grant(waiter, at);
        if (!waiter.Client.IsOnCpu)
        {
            // The new owner is asleep until its wake-up: spinning on it is pointless, so the spinners sleep.
            var now = _simulation.Now;
            foreach (var spinner in _spinning)
            {
                Sleep(spinner with { Deadline = Math.Min(spinner.Deadline, now) });
            }

            _spinning.Clear();
        }
    }

    private void GrantReaders(in Waiter waiter, double at)
    {
        Readers++;
        Grant(waiter, at);

        // Writers that were spinning on a writer owner now face readers: their spin becomes bounded.
        var now = _simulation.Now;
        for (var i = 0; i < _spinning.Count; i++)
        {
            if (_spinning[i].Deadline == long.MaxValue)
            {
                _spinning[i] = WithSpinLimit(_spinning[i], now);
            }
        }
    }

    private void Grant(in Waiter waiter, double at)
    {
        var now = _simulation.Now;
        var delay = SimTime.FromNanoseconds(at - now);
        if (Statistics.Utilization.Current == 0)
        {
            _heldSince = now;
            Statistics.Utilization.Update(now, 1);
        }

        if (waiter.Write && waiter.RequestedAt < now)
        {
            SpinNs += Math.Min(now, waiter.Deadline) - waiter.RequestedAt;
        }

        Statistics.Acquisitions++;
        Statistics.WaitTime.Record(now + delay - waiter.RequestedAt);
        _simulation.Schedule(delay, waiter.Client.Id, waiter.Tag);
    }

    /// <summary>One atomic on the count word by <paramref name="client"/>: when it completes.</summary>
    private double Atomic(ILockClient client) => Line.Write(_simulation.Now, client.HardwareThread);

    /// <summary>A waiter; for a writer, <see cref="Deadline"/> is when its spinning stops (or stopped), long.MaxValue while it spins on a running writer.</summary>
    private readonly record struct Waiter(ISleepingClient Client, int Tag, bool Write, long RequestedAt, long Deadline);
}
