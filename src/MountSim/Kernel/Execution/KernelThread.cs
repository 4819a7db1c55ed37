using MountSim.Engine;
using MountSim.Kernel.Loops;

namespace MountSim.Kernel.Execution;

/// <summary>
/// A thread making syscalls: a state machine over a shared <see cref="ThreadProgram"/>, on one
/// hardware thread at a time (pinned to it, or moved by the scheduler when it wakes). It runs operations until one must wait (work that takes time, a lock,
/// a grace period, its CPU), and every wait ends with an event back to it. Spinning keeps the
/// CPU, except that a writer's optimistic spin on namespace_sem stops once another thread waits
/// for the CPU; sleeping gives it up, and a woken thread queues for it again.
/// </summary>
public sealed class KernelThread : IEventTarget, ISleepingClient
{
    private const int ResumeTag = 0;
    private readonly MountKernel _kernel;
    private readonly ThreadProgram _program;
    private readonly IThreadObserver _observer;
    private int _next;
    private int _call = -1;
    private long _callSince;
    private int _phase = -1;
    private long _phaseSince;
    private int _roundsLeft;
    private int _retriesLeft;
    private long _sequenceAtLines;
    private double _linesPerRead;
    private double _bytesPerRead;
    private double _userspaceLeftNs;
    private bool _inMountLockSection;
    private bool _asleep;
    private ThreadActivity _state = ThreadActivity.Runnable;
    private long _stateSince;
    private long _waitingForCpuNs;
    private MountLoopRun? _loop;
    private int _loopBody;
    private int _loopEnd;
    private bool _awaitingGrant;

    /// <param name="affinity">The hardware threads it may run on (by index), or null to stay on <paramref name="hardwareThread"/>.</param>
    public KernelThread(MountKernel kernel, ThreadProgram program, int hardwareThread, IThreadObserver observer, string name, bool[]? affinity = null)
    {
        _kernel = kernel;
        _program = program;
        _observer = observer;
        HardwareThread = hardwareThread;
        Affinity = affinity;
        Name = name;
        Id = kernel.Simulation.Register(this);
    }

    public EntityId Id { get; }

    /// <summary>Where it runs now, or last ran; the scheduler moves a thread that may move when it wakes.</summary>
    public int HardwareThread { get; private set; }

    /// <summary>The hardware threads it may run on (by index); null when pinned.</summary>
    public bool[]? Affinity { get; }

    public string Name { get; }

    public long StartedAt { get; private set; }

    public bool IsOnCpu => _kernel.Scheduler.IsRunning(this);

    public bool NeedsResched => _kernel.Scheduler.NeedsResched(this);

    /// <summary>True while the thread is in a loop the kernel runs in closed form.</summary>
    public bool InMountLoop => _loop is not null;

    /// <summary>The closed-form loop the thread is in, if any.</summary>
    internal MountLoopRun? Loop => _loop;

    /// <summary>Makes the thread runnable now.</summary>
    public void Start()
    {
        StartedAt = _stateSince = _kernel.Simulation.Now;
        if (_kernel.Scheduler.TryRun(this))
        {
            Continue();
        }
    }

    public void OnSleep(long now)
    {
        Enter(ThreadActivity.Sleep);
        _asleep = true;
        _kernel.Scheduler.Leave(this);
    }

    void IEventTarget.OnEvent(int tag)
    {
        if (tag == ResumeTag && _asleep)
        {
            _asleep = false;
            Enter(ThreadActivity.Runnable);
            if (!_kernel.Scheduler.TryRun(this))
            {
                return;
            }
        }

        Continue();
    }

    private void Continue()
    {
        var kernel = _kernel;
        var ops = _program.Ops;
        if (_awaitingGrant)
        {
            _awaitingGrant = false;
            _loop?.Sample.OnGranted(kernel.Simulation.Now);
        }

        while (_next < ops.Length)
        {
            var op = ops[_next++];
            switch (op.Kind)
            {
                case OpKind.SyscallBegin:
                    EndCall();
                    _call = op.Value;
                    _callSince = kernel.Simulation.Now;
                    kernel.CountSyscall(_program.Syscalls[op.Value]);
                    if (kernel.Scheduler.ShouldYield(this))
                    {
                        Enter(ThreadActivity.Runnable);
                        return;
                    }

                    break;
                case OpKind.UserspaceCpu when _userspaceLeftNs == 0:
                    EndCall();
                    _call = -1;
                    _userspaceLeftNs = op.Variable == Profiles.RepeatVariable.Fixed ? op.Ns : op.Ns * Rounds(op.Variable);
                    if (_userspaceLeftNs > 0)
                    {
                        RunUserspaceSlice();
                        return;
                    }

                    break;
                case OpKind.UserspaceCpu:
                    // Between slices: the tick gives the CPU to a thread that waits for it (one woken holding a lock, say).
                    if (kernel.Scheduler.ShouldYield(this))
                    {
                        _next--;
                        Enter(ThreadActivity.Runnable);
                        return;
                    }

                    RunUserspaceSlice();
                    return;
                case OpKind.PhaseBegin:
                    EndPhase();
                    _phase = op.Value;
                    _phaseSince = kernel.Simulation.Now;
                    break;
                case OpKind.Cpu or OpKind.PercpuSum:
                    Work(op.Ns);
                    return;
                case OpKind.CpuPerRound:
                    var rounds = Rounds(op.Variable);
                    if (rounds == 0)
                    {
                        // No round, no work: nothing to wait for (no peers on a private tree, say).
                        break;
                    }

                    Work(op.Ns * rounds);
                    return;
                case OpKind.MountinfoEvent:
                    kernel.OnMountEvent();
                    Work(op.Ns);
                    return;
                case OpKind.MntIdAlloc:
                    // The id under xa_lock, then the counters under pcpu_alloc_mutex (waiting for the holders before),
                    // then the rest: the new area cleared on every possible CPU after the unlock.
                    var now = kernel.Simulation.Now;
                    var waited = kernel.PercpuAllocMutex.WaitNs;
                    var released = kernel.PercpuAllocMutex.Allocate(kernel.MountIdLock.Write(now, HardwareThread), HardwareThread);
                    if (_loop is { Sampling: true } sampling)
                    {
                        sampling.Sample.OnAllocationWait(kernel.PercpuAllocMutex.WaitNs - waited);
                    }

                    Work(op.Ns - kernel.PercpuAllocMutex.HoldNs + (released - now));
                    return;
                case OpKind.PathWalk when kernel.MountLock.IsSequenceOddAt(kernel.Simulation.Now):
                    // Spin in path_init until the sequence is even, then walk: the same operation again.
                    _next--;
                    Enter(ThreadActivity.SpinMountLock);
                    kernel.MountLock.WaitForEvenSequence(this, ResumeTag);
                    return;
                case OpKind.PathWalk when op.Ns > 0:
                    Work(op.Ns);
                    return;
                case OpKind.PathWalk:
                    // An empty path: path_init found the sequence even and there is nothing to walk.
                    break;
                case OpKind.NamespaceWriteLock:
                    Enter(ThreadActivity.SpinNamespaceSem);
                    kernel.NamespaceSemaphore.DownWrite(this, ResumeTag);
                    return;
                case OpKind.NamespaceReadLock:
                    Enter(ThreadActivity.SpinNamespaceSem);
                    kernel.NamespaceSemaphore.DownRead(this, ResumeTag);
                    return;
                case OpKind.NamespaceWriteUnlock:
                    kernel.NamespaceSemaphore.UpWrite(this);
                    break;
                case OpKind.NamespaceReadUnlock:
                    kernel.NamespaceSemaphore.UpRead(this);
                    break;
                case OpKind.MountLockWrite or OpKind.MountLockExclusive:
                    Enter(ThreadActivity.SpinMountLock);
                    _inMountLockSection = true;
                    var sample = _loop is { Sampling: true } ? _loop : null;
                    sample?.Sample.OnLockRequest(kernel.Simulation.Now);
                    _awaitingGrant = sample is not null;
                    if (op.Kind == OpKind.MountLockWrite)
                    {
                        kernel.MountLock.WriteLock(this, ResumeTag);
                    }
                    else
                    {
                        kernel.MountLock.LockExclusive(this, ResumeTag);
                    }

                    return;
                case OpKind.MountLockUnlock:
                    var sampled = _loop is { Sampling: true } ? _loop : null;
                    kernel.MountLock.Unlock(this);
                    sampled?.Sample.OnUnlocked();
                    _inMountLockSection = false;
                    break;
                case OpKind.RcuGracePeriod:
                    kernel.GracePeriods.Synchronize(this, ResumeTag);
                    return;
                case OpKind.MountTable:
                    kernel.ChangeMountTable(op.Value, op.Ns, teardown: false);
                    break;
                case OpKind.SlaveNamespace:
                    kernel.ChangeSlaveNamespaces(op.Value);
                    break;
                case OpKind.TeardownMountTable:
                    kernel.ChangeMountTable(op.Value, op.Ns, teardown: true);
                    break;
                case OpKind.RepeatBegin:
                    _roundsLeft = Rounds(op.Variable);
                    if (_roundsLeft == 0)
                    {
                        _next = op.Value;
                    }

                    break;
                case OpKind.MountLoop:
                    _roundsLeft = Rounds(op.Variable);
                    if (_roundsLeft == 0)
                    {
                        _next = op.Value;
                        break;
                    }

                    _loopBody = _next;
                    _loopEnd = op.Value;
                    _loop = kernel.Loops?.Begin(this, _program.LoopAt(_next - 1), _roundsLeft, kernel.Simulation.Now);
                    if (_loop is { Skipping: true })
                    {
                        // No mount_lock section to sample: every round in closed form.
                        Enter(ThreadActivity.Work);
                        return;
                    }

                    break;
                case OpKind.RepeatEnd:
                    if (--_roundsLeft > 0)
                    {
                        _next = op.Value;
                        if (_loop is { } loop && loop.RoundDone(kernel.Simulation.Now, _roundsLeft))
                        {
                            Enter(ThreadActivity.Work);
                            return;
                        }
                    }
                    else if (_loop is not null)
                    {
                        EndLoop();
                    }

                    break;
                case OpKind.MountinfoLines:
                    _sequenceAtLines = kernel.MountLock.Sequence;
                    Work(_bytesPerRead * kernel.Profile.Parameters.MountinfoPerByteNs);
                    return;
                case OpKind.LineRetryBegin:
                    // Each write section that started meanwhile overtook (at least) one line's lockless pass.
                    var sections = (int)((kernel.MountLock.Sequence - _sequenceAtLines + 1) / 2);
                    _retriesLeft = Math.Min(sections, (int)Math.Ceiling(_linesPerRead));
                    kernel.CountLineRetries(_retriesLeft);
                    if (_retriesLeft == 0)
                    {
                        _next = op.Value;
                    }

                    break;
                case OpKind.LineRetry:
                    Work(_bytesPerRead / _linesPerRead * kernel.Profile.Parameters.MountinfoPerByteNs);
                    return;
                case OpKind.LineRetryEnd:
                    if (--_retriesLeft > 0)
                    {
                        _next = op.Value;
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown operation {op.Kind}.");
            }
        }

        EndCall();
        EndPhase();
        Enter(ThreadActivity.Runnable);
        kernel.Scheduler.Leave(this);

        // Nothing can be pending for a finished thread: its id may serve the next, so memory follows the threads alive.
        kernel.Simulation.Unregister(Id);
        _observer.OnFinished(this);
    }

    /// <summary>A closed-form loop's chunk has ended: the next rounds run one by one, or the loop is done.</summary>
    internal void ResumeAfterLoopChunk(LoopStep step)
    {
        if (step == LoopStep.RunRounds)
        {
            _roundsLeft = _loop!.RoundsLeft;
            _next = _loopBody + _loop.ResumeOp;
            _inMountLockSection = false;
            if (_loop.PendingWorkNs > 0)
            {
                Work(_loop.PendingWorkNs);
                return;
            }
        }
        else
        {
            EndLoop();
            _next = _loopEnd;
        }

        Continue();
    }

    /// <summary>The closed-form loop is done: the kernel forgets it.</summary>
    private void EndLoop()
    {
        _kernel.Loops!.End(_loop!, _kernel.Simulation.Now);
        _loop = null;
        _roundsLeft = 0;
    }

    /// <summary>
    /// A chunk of a closed-form loop's rounds has ended: <paramref name="workNs"/> of it was work,
    /// <paramref name="runnableNs"/> runnable while the background had the CPU (and host noise), the rest spinning
    /// on mount_lock.
    /// </summary>
    internal void AccountLoopChunk(double workNs, double runnableNs, double spinNs)
    {
        _kernel.Account(ThreadActivity.Work, (long)workNs);
        _kernel.Account(ThreadActivity.Runnable, (long)runnableNs);
        _kernel.Account(ThreadActivity.SpinMountLock, (long)spinNs);
        _stateSince = _kernel.Simulation.Now;
    }

    /// <summary>How much slower work runs now for sharing the core (see <see cref="SmtFactor"/>).</summary>
    internal double SmtFactorNow() => SmtFactor(_kernel);

    /// <summary>The call in progress, if any, has ended now: the next one begins or the program is done.</summary>
    private void EndCall()
    {
        if (_call >= 0)
        {
            _kernel.RecordCallLatency(_program.Syscalls[_call], _kernel.Simulation.Now - _callSince);
        }
    }

    /// <summary>The runtime phase in progress, if any, has ended now.</summary>
    private void EndPhase()
    {
        if (_phase >= 0)
        {
            _kernel.RecordPhaseLatency(_program.Phases[_phase], _kernel.Simulation.Now - _phaseSince);
        }
    }

    /// <summary>One time slice of the userspace work left, at most; the operation comes again while work is left.</summary>
    private void RunUserspaceSlice()
    {
        var slice = Math.Min(_userspaceLeftNs, _kernel.Scheduler.TimeSliceNs);
        _userspaceLeftNs -= slice;
        if (_userspaceLeftNs > 0)
        {
            _next--;
        }

        Work(slice);
    }

    /// <summary>How many rounds a run-time repeat makes now.</summary>
    private int Rounds(Profiles.RepeatVariable variable)
    {
        if (variable == Profiles.RepeatVariable.Peers)
        {
            return _kernel.PropagationPeers;
        }

        if (variable == Profiles.RepeatVariable.Mounts)
        {
            return (int)_kernel.MountinfoLines;
        }

        if (variable == Profiles.RepeatVariable.Threads)
        {
            return _kernel.HostThreads;
        }

        // seq_file fills the reader's buffer once per read(): as many reads as the table's bytes need now.
        var bytes = _kernel.MountinfoBytes;
        var perRead = _kernel.Profile.Parameters.MountinfoReadBytes;
        var reads = (int)Math.Max(1, (bytes + perRead - 1) / perRead);
        _bytesPerRead = (double)bytes / reads;
        _linesPerRead = (double)_kernel.MountinfoLines / reads;
        return reads;
    }

    /// <summary>
    /// Runs for <paramref name="ns"/>, slower while the core's other hardware thread is busy (<see cref="SmtFactor"/>), and
    /// stretched by the share of its CPU that the host's background lookups take (time it waits,
    /// runnable, while they run or spin there), except inside a mount_lock section: spin_lock
    /// disables preemption, so nothing else runs on that CPU until the unlock. Host noise
    /// (interrupts, the hypervisor) lengthens both.
    /// </summary>
    private void Work(double ns)
    {
        Enter(ThreadActivity.Work);
        var kernel = _kernel;
        var running = ns * SmtFactor(kernel);

        // A detour takes the CPU from the work (and from any lock it holds) without doing it: waiting, not work.
        var detours = kernel.Detours?.Lengthen(HardwareThread, running) ?? 0;
        var background = _inMountLockSection ? 0 : kernel.PathWalks.BackgroundShare(HardwareThread, kernel.Simulation.Now);
        var total = SimTime.FromNanoseconds((running + detours) / (1 - background));
        _waitingForCpuNs = total - SimTime.FromNanoseconds(running);
        if (_loop is { Sampling: true } sampling)
        {
            sampling.Sample.OnWork(total);
        }
        kernel.Simulation.Schedule(total, Id, ResumeTag);
    }

    /// <summary>
    /// How much slower work runs for sharing its core: smt_slowdown while the sibling runs a thread of the
    /// model, and for the share of its time the sibling spends on the host's background lookups (walking, or
    /// spinning in path_init while a mount_lock writer holds the sequence odd) when it runs none. The
    /// hyperthreads share the core's execution units whoever runs there (../shared/reference/incident.md 2.2, the HT result).
    /// </summary>
    private double SmtFactor(MountKernel kernel)
    {
        var sibling = kernel.Scheduler.SiblingOf(HardwareThread);
        if (sibling < 0)
        {
            return 1;
        }

        var busy = kernel.Scheduler.IsBusy(sibling) ? 1 : kernel.PathWalks.BackgroundShare(sibling, kernel.Simulation.Now);
        return 1 + ((kernel.Topology.SmtSlowdown - 1) * busy);
    }

    private void Enter(ThreadActivity state)
    {
        var now = _kernel.Simulation.Now;
        if (_state == ThreadActivity.Work && _waitingForCpuNs > 0)
        {
            // The background's share of a work step was spent runnable, not working.
            _kernel.Account(ThreadActivity.Runnable, _waitingForCpuNs);
            _kernel.Account(ThreadActivity.Work, now - _stateSince - _waitingForCpuNs);
            _waitingForCpuNs = 0;
        }
        else
        {
            _kernel.Account(_state, now - _stateSince);
        }

        _state = state;
        _stateSince = now;
    }

    /// <summary>
    /// A thread now waits for this one's CPU (need_resched). Optimistic spinning on namespace_sem stops
    /// (rwsem_spin_on_owner, rwsem_optimistic_spin) and the writer sleeps; a spin on mount_lock runs with
    /// preemption off and goes on.
    /// </summary>
    internal void OnNeedResched()
    {
        if (_state == ThreadActivity.SpinNamespaceSem)
        {
            _kernel.NamespaceSemaphore.StopSpinning(this);
        }
    }

    /// <summary>The scheduler places the thread on <paramref name="hardwareThread"/>, one its affinity allows, while it is off any CPU.</summary>
    internal void MoveTo(int hardwareThread) => HardwareThread = hardwareThread;

    public override string ToString() => $"{Name} on hardware thread {HardwareThread}";
}
