using MountSim.Engine;
using MountSim.Hardware;

namespace MountSim.Kernel.Execution;

/// <summary>
/// Kernel threads on hardware threads: a hardware thread runs one thread at a time and keeps the
/// others runnable in a FIFO run queue. A thread that may move (its affinity allows more than its
/// CPU) and wakes to find its CPU busy takes an idle one of the same LLC domain, an idle core first
/// (select_idle_sibling); a CPU left with nothing to run takes a waiting thread from another of its
/// LLC domain (newidle balancing). Pinned threads stay where they are. A running thread yields
/// at a syscall boundary or between slices of userspace work once it has used its time slice and
/// another waits; spinning and lock sections are never preempted (the kernel disables preemption there). Sleeping gives the CPU
/// to the next in line. A thread queued on a busy CPU sets need_resched there (resched_curr) until that
/// CPU switches threads: a writer spinning on namespace_sem then stops and sleeps (rwsem_spin_on_owner).
/// </summary>
public sealed class CpuScheduler : IBusyCpus
{
    /// <summary>The tag a thread receives when it gets its CPU back from the run queue.</summary>
    public const int DispatchedTag = 1;

    private readonly Simulation _simulation;
    private readonly long _timeSlice;
    private readonly KernelThread?[] _running;
    private readonly Queue<KernelThread>[] _runQueues;
    private readonly long[] _sliceStart;
    private readonly bool[] _needResched;
    private readonly int[] _siblingOf;
    private readonly int[][] _llcOf;
    private readonly int[] _llcPosition;
    private int _queued;

    public CpuScheduler(Simulation simulation, Topology topology, double timeSliceNs)
    {
        _simulation = simulation;
        _timeSlice = SimTime.FromNanoseconds(timeSliceNs);
        TimeSliceNs = timeSliceNs;
        var n = topology.Threads.Count;
        _running = new KernelThread?[n];
        _runQueues = [.. Enumerable.Range(0, n).Select(_ => new Queue<KernelThread>())];
        _sliceStart = new long[n];
        _needResched = new bool[n];
        _siblingOf = [.. Enumerable.Repeat(-1, n)];
        foreach (var core in topology.Cores.Where(c => c.Threads.Count == 2))
        {
            _siblingOf[core.Threads[0].Index] = core.Threads[1].Index;
            _siblingOf[core.Threads[1].Index] = core.Threads[0].Index;
        }

        _llcOf = new int[n][];
        _llcPosition = new int[n];
        foreach (var llc in topology.LlcDomains)
        {
            int[] members = [.. llc.Cores.SelectMany(c => c.Threads).Select(t => t.Index).Order()];
            for (var i = 0; i < members.Length; i++)
            {
                _llcOf[members[i]] = members;
                _llcPosition[members[i]] = i;
            }
        }
    }

    public int BusyCpus { get; private set; }

    /// <summary>How long a thread runs before it yields to one waiting for its CPU.</summary>
    public double TimeSliceNs { get; }

    /// <summary>The other hardware thread of <paramref name="hardwareThread"/>'s core, or -1 without SMT.</summary>
    public int SiblingOf(int hardwareThread) => _siblingOf[hardwareThread];

    /// <summary>True while <paramref name="hardwareThread"/> runs one of the simulated threads.</summary>
    public bool IsBusy(int hardwareThread) => _running[hardwareThread] is not null;

    /// <summary>True while <paramref name="thread"/> has its CPU (dispatched counts, even before its dispatch event runs).</summary>
    public bool IsRunning(KernelThread thread) => ReferenceEquals(_running[thread.HardwareThread], thread);

    /// <summary>True while <paramref name="thread"/> runs and a thread has been queued on its CPU since it got it (need_resched).</summary>
    public bool NeedsResched(KernelThread thread) => IsRunning(thread) && _needResched[thread.HardwareThread];

    /// <summary>
    /// Gives <paramref name="thread"/> its CPU, or an idle one it may move to, now (true); otherwise queues it on its
    /// own to be dispatched later, and the thread running there is told to reschedule (a spinner on namespace_sem
    /// may then sleep and give the CPU up at once).
    /// </summary>
    public bool TryRun(KernelThread thread)
    {
        var cpu = thread.HardwareThread;
        var current = _running[cpu];
        if (current is null)
        {
            Occupy(cpu, thread);
            return true;
        }

        if (thread.Affinity is { } allowed && IdleSibling(cpu, allowed) is var idle and >= 0)
        {
            thread.MoveTo(idle);
            Occupy(idle, thread);
            return true;
        }

        _runQueues[cpu].Enqueue(thread);
        _queued++;

        // The wake-up preempts what runs there (check_preempt_wakeup_fair -> resched_curr).
        _needResched[cpu] = true;
        current.OnNeedResched();
        return false;
    }

    /// <summary><paramref name="thread"/> sleeps or ends: its CPU goes to the next runnable thread.</summary>
    public void Leave(KernelThread thread)
    {
        var cpu = thread.HardwareThread;
        if (!ReferenceEquals(_running[cpu], thread))
        {
            throw new InvalidOperationException($"{thread} leaves CPU {cpu}, which it does not run on.");
        }

        Vacate(cpu);
        DispatchNext(cpu);
    }

    /// <summary>At a preemption point: true when <paramref name="thread"/>'s slice is over and another waits; it is then queued behind.</summary>
    public bool ShouldYield(KernelThread thread)
    {
        var cpu = thread.HardwareThread;
        if (_runQueues[cpu].Count == 0 || _simulation.Now - _sliceStart[cpu] < _timeSlice)
        {
            return false;
        }

        Vacate(cpu);
        _runQueues[cpu].Enqueue(thread);
        _queued++;
        DispatchNext(cpu);
        return true;
    }

    private void DispatchNext(int cpu)
    {
        var next = _runQueues[cpu].Count > 0 ? _runQueues[cpu].Dequeue() : _queued > 0 ? PullWaiting(cpu) : null;
        if (next is not null)
        {
            _queued--;
            next.MoveTo(cpu);
            Occupy(cpu, next);
            _simulation.Schedule(0, next.Id, DispatchedTag);
        }
    }

    /// <summary>An idle hardware thread of <paramref name="cpu"/>'s LLC domain that <paramref name="allowed"/> admits: of an idle core first, scanning on from <paramref name="cpu"/>; -1 when none.</summary>
    private int IdleSibling(int cpu, bool[] allowed)
    {
        var members = _llcOf[cpu];
        var start = _llcPosition[cpu];
        var anyIdle = -1;
        for (var k = 1; k < members.Length; k++)
        {
            var candidate = members[(start + k) % members.Length];
            if (!allowed[candidate] || _running[candidate] is not null)
            {
                continue;
            }

            if (_siblingOf[candidate] < 0 || _running[_siblingOf[candidate]] is null)
            {
                return candidate;
            }

            anyIdle = anyIdle < 0 ? candidate : anyIdle;
        }

        return anyIdle;
    }

    /// <summary>The first thread waiting on another CPU of <paramref name="cpu"/>'s LLC domain that may run on <paramref name="cpu"/>, taken from its queue; null when none.</summary>
    private KernelThread? PullWaiting(int cpu)
    {
        var members = _llcOf[cpu];
        var start = _llcPosition[cpu];
        for (var k = 1; k < members.Length; k++)
        {
            var queue = _runQueues[members[(start + k) % members.Length]];
            if (queue.Count > 0 && queue.Peek().Affinity is { } allowed && allowed[cpu])
            {
                return queue.Dequeue();
            }
        }

        return null;
    }

    /// <summary>The running thread leaves <paramref name="cpu"/>: a switch, which clears need_resched.</summary>
    private void Vacate(int cpu)
    {
        _running[cpu] = null;
        _needResched[cpu] = false;
        BusyCpus--;
    }

    private void Occupy(int cpu, KernelThread thread)
    {
        _running[cpu] = thread;
        _sliceStart[cpu] = _simulation.Now;
        BusyCpus++;
    }
}
