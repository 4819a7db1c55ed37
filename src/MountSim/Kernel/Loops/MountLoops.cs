using MountSim.Engine;
using MountSim.Kernel.Execution;
using MountSim.Kernel.PathWalks;

namespace MountSim.Kernel.Loops;

/// <summary>
/// The kernel's loops over every mount of the table run in closed form (<see cref="MountLoopMode.ClosedForm"/>):
/// copy_tree's clone and attach of each mount of the host's table, the final mntput of each mount of a detached
/// tree. During a burst the table has thousands of mounts, each round costs the per-mount mode three or four
/// events, and the burst O(N^2) of them; here a loop costs a sample of rounds run one by one and then a few
/// events (<see cref="MountLoopRun"/>), while mount_lock still sees what its short sections do:
/// <list type="bullet">
/// <item>the loops among themselves: each round's overhead beyond its work is sampled with the other loops
/// there (they sample together, and skip together), so the lock's queue, its handoffs and the line's traffic
/// between them are the mechanism's own; when a loop begins or ends, or a round drifts from its sample, every
/// loop stops where it is and samples again;</item>
/// <item>another thread's section (<see cref="MountLock"/> calls in): it meets the loops' section in progress,
/// if any, and those queued before it (it waits for them, not for the loops' whole rounds); while threads' sections
/// are in the lock each loop goes on until it asks for the lock next and queues there, in the order it asked
/// among the threads, and when they are gone the queued loops go on one after the other, each late by what it
/// waited beyond its sampled wait;</item>
/// <item>a lookup of a thread that samples the sequence finds it odd exactly while a loop's write section is in
/// progress, and spins for what is left of it;</item>
/// <item>the lock's statistics, the line's traffic and the background path walks get what the skipped sections
/// would have given them, in bulk (<see cref="ClosedFormPathWalks.OnSectionBatch"/>), and the lock counts as held
/// for the loops' share of the time.</item>
/// </list>
/// </summary>
public sealed class MountLoops : IEventTarget
{
    private const int ReleaseTag = -1;
    private readonly MountKernel _kernel;
    private readonly List<MountLoopRun> _runs = [];
    private readonly List<MountLoopRun> _skipping = [];
    private readonly EntityId _id;
    private readonly List<(MountLoopRun Run, int Generation)> _wakes = [];
    private readonly Stack<int> _freeWakes = new();
    private bool _blocked;
    private ILockClient? _virtualHolder;
    private long _settledWriteSections;
    private long _lineSyncedAt = -1;

    internal MountLoops(MountKernel kernel, ClosedFormPathWalks walks)
    {
        _kernel = kernel;
        Walks = walks;
        ChunkNs = kernel.Scheduler.TimeSliceNs / ChunksPerSlice;
        _id = kernel.Simulation.Register(this);
    }

    /// <summary>
    /// Chunks a skipping loop's time is cut into per scheduler time slice: the spin its sections cause reaches the
    /// CPUs' background share (whose horizon is a slice) and the loop sees its CPU's share and SMT sibling anew, in
    /// steps short against that horizon.
    /// </summary>
    public const int ChunksPerSlice = 4;

    /// <summary>Simulated time a skipping loop's chunk lasts at most, in ns.</summary>
    public double ChunkNs { get; }

    internal ClosedFormPathWalks Walks { get; }

    /// <summary>True while more than one loop is on mount_lock: what a round costs depends on the others.</summary>
    internal bool Shared => _runs.Count > 1;

    /// <summary>True when no loop on mount_lock is still taking its sample.</summary>
    internal bool AllSampled => _runs.TrueForAll(r => r.Sampled);

    /// <summary>True while some loop skips: the lock's users must see it.</summary>
    internal bool AnySkipping => _skipping.Count > 0;

    /// <summary>
    /// The share of time mount_lock counts as held while the loops skip: each loop sampled the lock's utilization
    /// with the others there (they sample together), so it is the largest of theirs, not their sum.
    /// </summary>
    internal double HeldShare
    {
        get
        {
            var share = 0.0;
            foreach (var run in _skipping)
            {
                share = Math.Max(share, run.HeldShare);
            }

            return share;
        }
    }

    /// <summary>
    /// <paramref name="thread"/> begins a loop of <paramref name="rounds"/> rounds of <paramref name="body"/>: the
    /// run that takes it over, or null when it is too short to gain from the closed form (it then runs round by round).
    /// </summary>
    internal MountLoopRun? Begin(KernelThread thread, MountLoopBody body, int rounds, long now)
    {
        var sampled = body.Segments.Any(s => s.IsSection) ? RoundSample.WarmupRounds + RoundSample.SampledRounds : 0;
        if (rounds < sampled + MountLoopRun.MinSkippedRounds)
        {
            return null;
        }

        var run = new MountLoopRun(this, _kernel, thread, body, rounds, now);
        if (!run.HasSections)
        {
            run.SkipWithoutSampling(now);
            return run;
        }

        InterruptAll(now);
        _runs.Add(run);
        return run;
    }

    /// <summary><paramref name="run"/>'s loop is done.</summary>
    internal void End(MountLoopRun run, long now)
    {
        if (run.Skipping)
        {
            OnSkippingStopped(run, now);
        }

        _settledWriteSections += run.WriteSectionsBy(now);
        if (_runs.Remove(run))
        {
            InterruptAll(now);
        }
    }

    void IEventTarget.OnEvent(int tag)
    {
        if (tag == ReleaseTag)
        {
            // A loop's section that another user of the lock met ends: the loop's thread releases it.
            var holder = _virtualHolder!;
            _virtualHolder = null;
            _kernel.MountLock.Unlock(holder);
            return;
        }

        var (run, generation) = _wakes[tag];
        _wakes[tag] = default;
        _freeWakes.Push(tag);
        run.OnWake(generation, _kernel.Simulation.Now);
    }

    /// <summary>
    /// <paramref name="run"/>'s loop event number <paramref name="generation"/> at <paramref name="time"/>. The kernel
    /// holds it, not the thread: a loop that samples again leaves an event behind, which must not reach a thread
    /// that has finished since.
    /// </summary>
    internal void ScheduleWake(MountLoopRun run, int generation, long time)
    {
        int slot;
        if (_freeWakes.Count > 0)
        {
            slot = _freeWakes.Pop();
            _wakes[slot] = (run, generation);
        }
        else
        {
            slot = _wakes.Count;
            _wakes.Add((run, generation));
        }

        _kernel.Simulation.ScheduleAt(time, _id, slot);
    }

    internal void OnSkipping(MountLoopRun run, long now)
    {
        if (_skipping.Count == 0)
        {
            Walks.CoverFrom(now);
            Walks.Covering = true;
        }

        _skipping.Add(run);
    }

    internal void OnSkippingStopped(MountLoopRun run, long now)
    {
        if (!_skipping.Remove(run))
        {
            return;
        }

        var last = run.LastWriteEndBefore(now);
        if (!double.IsNegativeInfinity(last))
        {
            _kernel.MountLock.NoteWriteEnd(last);
        }

        if (_skipping.Count == 0)
        {
            Walks.Covering = false;
            if (!double.IsNegativeInfinity(last))
            {
                Walks.CoveredUntil((long)last);
            }
        }

        _kernel.MountLock.RefreshVirtualShare(now);
    }

    internal void OnChunkStarted(MountLoopRun run, long now)
    {
        if (_blocked)
        {
            run.Block(now);
        }

        _kernel.MountLock.RefreshVirtualShare(now);
    }

    /// <summary>The end of the skipping loops' last write section before <paramref name="time"/>, or -infinity.</summary>
    internal double LastWriteEndBefore(double time)
    {
        var last = double.NegativeInfinity;
        foreach (var run in _skipping)
        {
            last = Math.Max(last, run.LastWriteEndBefore(time));
        }

        return last;
    }

    /// <summary>Write sections the skipping loops have made up to <paramref name="time"/>, each of which made the sequence odd and even again.</summary>
    internal long WriteSectionsBy(long time)
    {
        var sections = _settledWriteSections;
        foreach (var run in _runs)
        {
            sections += run.WriteSectionsBy(time);
        }

        return sections;
    }

    /// <summary>Whether <paramref name="client"/> is a thread in a closed-form loop (its sections are the loops' own contention).</summary>
    internal static bool InLoop(ILockClient client) => client is KernelThread { InMountLoop: true };

    /// <summary>
    /// A thread's write section starts at <paramref name="start"/>: the path walks have the skipping loops'
    /// sections before it, so the lookups in flight when it starts are the ones since the loops' last section.
    /// </summary>
    internal void BeforeWriteSection(long start)
    {
        var last = LastWriteEndBefore(start);
        if (!double.IsNegativeInfinity(last))
        {
            Walks.CoveredUntil((long)Math.Min(start, last));
        }
    }

    /// <summary>
    /// Gives the line the traffic of the skipping loops' rounds up to <paramref name="now"/>: their share of the
    /// agent's work (invalidating the lookups' copies at each unlock, the handoffs among them) queued behind what it
    /// has, and the line Modified in the thread of the last of their sections unless another thread's request
    /// came after it.
    /// </summary>
    internal void SyncLine(long now)
    {
        if (_skipping.Count == 0 || now == _lineSyncedAt)
        {
            return;
        }

        _lineSyncedAt = now;
        var lineUsedAt = _kernel.MountLock.LineUsedAt;
        double work = 0, lastEnd = double.NegativeInfinity, lastWork = 0;
        var owner = -1;
        foreach (var run in _skipping)
        {
            var (rounds, end) = run.ProgressAt(now);
            var delta = rounds - run.AbsorbedRounds;
            if (delta <= 0)
            {
                continue;
            }

            run.AbsorbedRounds = rounds;
            work += delta * run.AgentPerRound;
            if (end > lastEnd)
            {
                lastEnd = end;
                lastWork = run.AgentPerRound / Math.Max(1, run.Sections);
                owner = end > lineUsedAt ? run.Thread.HardwareThread : -1;
            }
        }

        if (work > 0 || owner >= 0)
        {
            _kernel.MountLock.Line.AbsorbBulk(work, double.IsNegativeInfinity(lastEnd) ? 0 : lastEnd + lastWork, owner);
        }
    }

    /// <summary>A thread asks for mount_lock at <paramref name="now"/>: every skipping loop stalls at its next grant until the lock is free.</summary>
    internal void Block(long now)
    {
        if (_skipping.Count == 0)
        {
            return;
        }

        _blocked = true;
        foreach (var run in _skipping)
        {
            run.Block(now);
        }
    }

    /// <summary>
    /// The stalled loop that asked for mount_lock before <paramref name="before"/> (the queue's head asked then), the
    /// first to ask: in FIFO order it goes before that thread. Null when none.
    /// </summary>
    internal MountLoopRun? FirstStalled(double before, long now)
    {
        MountLoopRun? first = null;
        foreach (var run in _skipping)
        {
            if (run.IsBlocked && run.BlockedAt <= now && run.BlockedAt < before && (first is null || run.BlockedAt < first.BlockedAt))
            {
                first = run;
            }
        }

        return first;
    }

    /// <summary>
    /// Hands the lock, released at <paramref name="released"/> by the thread on <paramref name="releaser"/>, to the
    /// stalled <paramref name="run"/>, as to a queue head: it reads the free word and takes the line. When it has it.
    /// </summary>
    internal double HandTo(MountLoopRun run, double released, int releaser)
    {
        var line = _kernel.MountLock.Line;
        var hardwareThread = run.Thread.HardwareThread;
        var granted = line.Write(line.Read(released, hardwareThread), hardwareThread);
        _kernel.MountLock.CountHandoffs(_kernel.Topology.DistanceBetween(releaser, hardwareThread), 1);
        run.Unblock(granted);
        if (_blocked)
        {
            // Threads still queue: the loop stalls again at its next request.
            run.Block(_kernel.Simulation.Now);
        }

        return granted;
    }

    /// <summary>
    /// The lock is free of threads' sections from <paramref name="released"/> (the unlock store of the thread on
    /// <paramref name="releaser"/>): the loops that stalled go on, the first to have asked taking the line as a queue
    /// head would; their sampled waits already hold their waiting for one another.
    /// </summary>
    internal void Unblock(double released, int releaser)
    {
        if (!_blocked)
        {
            return;
        }

        _blocked = false;
        var now = _kernel.Simulation.Now;
        var first = FirstStalled(double.PositiveInfinity, now);
        if (first is null)
        {
            foreach (var run in _skipping)
            {
                run.Unblock(null);
            }

            return;
        }

        // The stalled loops take the lock in the order they asked, each after the one before has held it and
        // handed it on: a loop is later than planned by what that queue makes it wait beyond its sampled wait.
        var next = first.PlannedGrant;
        var free = HandTo(first, released, releaser) - first.PlannedGrant;
        for (var run = FirstStalled(double.PositiveInfinity, now); run is not null; run = FirstStalled(double.PositiveInfinity, now))
        {
            var granted = Math.Max(next + free, run.PlannedGrant);
            var section = run.StalledSection;
            run.Unblock(granted);
            free = 0;
            next = granted + run.Hold(section) + run.QueuedGap(section);
        }

        foreach (var run in _skipping)
        {
            run.Unblock(null);
        }
    }

    /// <summary>
    /// What another user of mount_lock meets at <paramref name="now"/> with the lock free of threads' sections:
    /// the skipping loops' section in progress (the one that began first, if their timelines overlap) and, for a
    /// writer (<paramref name="queued"/>), the loops' sections asked for before it, each after its gap. The time
    /// until the lock is the newcomer's, the loop thread that holds it, and whether it holds the sequence odd;
    /// null when no loop is in the lock.
    /// </summary>
    internal (ILockClient Holder, bool Odd, double Until)? SectionInProgress(long now, bool queued)
    {
        MountLoopRun? holder = null;
        int holderSection = -1;
        double holderLeft = 0, holderElapsed = -1, queuedTime = 0;
        MountLoopRun? firstQueued = null;
        foreach (var run in _skipping)
        {
            var (kind, section, left, elapsed) = run.StateAt(now);
            if (kind == RoundEntry.Hold && elapsed > holderElapsed)
            {
                if (holder is not null)
                {
                    queuedTime += holderLeft;
                }

                (holder, holderSection, holderLeft, holderElapsed) = (run, section, left, elapsed);
            }
            else if (kind == RoundEntry.Hold)
            {
                queuedTime += left;
            }
            else if (kind == RoundEntry.Wait)
            {
                queuedTime += run.LockTime(section);
                firstQueued ??= run;
            }
        }

        if (holder is null && (!queued || firstQueued is null))
        {
            return null;
        }

        var odd = holder is not null && holder.Bumps(holderSection);
        var until = now + holderLeft + (queued ? queuedTime : 0);
        return ((holder ?? firstQueued)!.Thread, odd, until);
    }

    /// <summary>The loop section that another user met holds the lock until <paramref name="until"/>, when its thread releases it.</summary>
    internal void ReleaseAt(ILockClient holder, double until)
    {
        _virtualHolder = holder;
        _kernel.Simulation.ScheduleAt((long)Math.Ceiling(until), _id, ReleaseTag);
    }

    private void InterruptAll(long now) => InterruptOthers(null, now);

    /// <summary>Every loop on mount_lock but <paramref name="except"/> samples again.</summary>
    internal void InterruptOthers(MountLoopRun? except, long now)
    {
        foreach (var run in _runs)
        {
            if (run != except)
            {
                run.Interrupt(now);
            }
        }
    }
}
