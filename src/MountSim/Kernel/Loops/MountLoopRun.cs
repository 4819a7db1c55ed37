using MountSim.Hardware;
using MountSim.Kernel.Execution;
using MountSim.Kernel.PathWalks;

namespace MountSim.Kernel.Loops;

/// <summary>
/// One per-mount loop in closed form on one kernel thread (<see cref="MountLoops"/> says why and how). It
/// samples: after a warm-up round it runs rounds one by one, as the per-mount mode does, and records what
/// contention costs a round here and now (<see cref="RoundSample"/>). The loops on mount_lock sample together and
/// skip together. Skipping, the thread waits for chunks of rounds, one event each. A chunk's round lasts what the
/// recipe's work costs now (SMT sibling, the background lookups' share of the CPU outside the sections, host noise,
/// as <see cref="KernelThread"/> charges work) plus the sampled overhead, laid out in the recipe's order (work, then
/// per section its wait and hold: <see cref="RoundTimeline"/>), so that where the loop is at any moment is known.
/// At the end of a chunk the lock's statistics, the path walks and the allocator get what the chunk's rounds would
/// have given them. When the loops on the lock change, it stops where it is and goes on one by one from that
/// stretch of its round, to sample again.
/// </summary>
public sealed class MountLoopRun
{
    /// <summary>
    /// How far a loop's round may drift from its sample (the work's cost, as the CPU's background share and the SMT
    /// sibling change it) while it shares the lock with other loops, before they sample again together; alone, a loop
    /// scales its sample with its round instead.
    /// </summary>
    public const double MaxDrift = 0.05;

    /// <summary>Fewer rounds than this left after sampling run one by one: skipping them would save little.</summary>
    public const int MinSkippedRounds = 16;

    private readonly MountLoops _loops;
    private readonly MountKernel _kernel;
    private readonly RoundTimeline _timeline;
    private readonly double[] _transferCarry = new double[DistanceClasses];
    private readonly double[] _handoffCarry = new double[DistanceClasses];
    private readonly int[] _owedWaits;
    private LoopPhase _phase = LoopPhase.Sampling;
    private bool _firstChunk;
    private double _heldShare;
    private double _coverageShare;

    // The chunk being skipped: rounds start at _chunkBase, one every period, unless the loop stalls at _blockedAt.
    private long _chunkStart;
    private double _chunkBase;
    private int _chunkRounds;
    private double _chunkEnd;
    private double _progressFloor;
    private double _blockedAt = double.PositiveInfinity;
    private int _blockedSection;
    private double _plannedGrant;
    private double _runningNs;
    private double _runnableNs;
    private double _detoursNs;
    private int _generation;
    private bool _wakeDue;
    private bool _stopping;
    private long _skippedRounds;
    private long _bumpsSettled;
    private double _lastWriteEnd = double.NegativeInfinity;
    private double _lastSectionEnd = double.NegativeInfinity;

    internal MountLoopRun(MountLoops loops, MountKernel kernel, KernelThread thread, MountLoopBody body, int rounds, long now)
    {
        _loops = loops;
        _kernel = kernel;
        Thread = thread;
        Body = body;
        RoundsLeft = rounds;
        _timeline = new RoundTimeline(body);
        Sample = new RoundSample(loops, kernel, thread, _timeline.Sections, now);
        _owedWaits = new int[_timeline.Sections];
    }

    public KernelThread Thread { get; }

    public MountLoopBody Body { get; }

    /// <summary>Rounds not yet done (the one running now included).</summary>
    public int RoundsLeft { get; private set; }

    /// <summary>True while the rounds run one by one to be sampled.</summary>
    public bool Sampling => _phase == LoopPhase.Sampling;

    /// <summary>True once the loop has no sample to take before it skips (sampled, skipping, or running out one by one).</summary>
    internal bool Sampled => _phase != LoopPhase.Sampling && !_stopping;

    /// <summary>True while the thread waits for chunks of rounds in closed form.</summary>
    public bool Skipping => _phase == LoopPhase.Skipping;

    /// <summary>True when the round has mount_lock sections, so that the loop takes part in the lock's contention.</summary>
    public bool HasSections => Sections > 0;

    /// <summary>mount_lock sections per round.</summary>
    internal int Sections => _timeline.Sections;

    /// <summary>What the thread reports of its rounds while they are sampled, and what the sample concludes.</summary>
    internal RoundSample Sample { get; }

    /// <summary>Whether a thread's section holds the loop up now: it stalls, queued, at its next request until the lock is its.</summary>
    internal bool IsBlocked => !double.IsPositiveInfinity(_blockedAt);

    /// <summary>When the loop asks for mount_lock next while blocked (where it stalls, queued), in ns.</summary>
    internal double BlockedAt => _blockedAt;

    /// <summary>
    /// The share of time mount_lock counts as held while the loop skips: what the lock's utilization was while the
    /// loop was sampled (<see cref="RoundSample.BusyShare"/>), scaled with the loop's round since.
    /// </summary>
    internal double HeldShare => Skipping ? _heldShare : 0;

    /// <summary>Rounds the line has been given the traffic of (<see cref="MountLoops.SyncLine"/>).</summary>
    internal double AbsorbedRounds { get; set; }

    internal double AgentPerRound => Sample.AgentPerRound;

    /// <summary>Where the thread goes on one by one: the operation in the round, counted from its first.</summary>
    internal int ResumeOp { get; private set; }

    /// <summary>Work (as the recipe costs it) left of the stretch the loop stopped in, which the thread does first.</summary>
    internal double PendingWorkNs { get; private set; }

    /// <summary>When the stalled loop would have been granted the lock had nothing stalled it: its request plus its sampled wait.</summary>
    internal double PlannedGrant => _plannedGrant;

    /// <summary>The section the stalled loop asked for.</summary>
    internal int StalledSection => _blockedSection;

    private static int DistanceClasses => Enum.GetValues<DistanceClass>().Length;

    private MountLock Lock => _kernel.MountLock;

    /// <summary>
    /// A round has ended now, <paramref name="roundsLeft"/> to go: true when the loop now skips the rest (it has
    /// scheduled its thread's next event), false when the next round runs one by one.
    /// </summary>
    internal bool RoundDone(long now, int roundsLeft)
    {
        RoundsLeft = roundsLeft;
        if (_phase == LoopPhase.Ready)
        {
            return SkipIfAllReady(now);
        }

        if (_phase != LoopPhase.Sampling || !Sample.RoundDone(now, _loops.AnySkipping))
        {
            return false;
        }

        _phase = LoopPhase.Ready;
        return SkipIfAllReady(now);
    }

    /// <summary>
    /// The loops skip together once every one has its sample: one that skipped while another still ran its rounds
    /// one by one would meet that one's sections as if they were a thread's own, and the other would wait for its
    /// sampled waits, which were waits for that very loop. Until then a sampled loop runs its rounds one by one.
    /// </summary>
    private bool SkipIfAllReady(long now)
    {
        if (RoundsLeft < MinSkippedRounds)
        {
            _phase = LoopPhase.OneByOne;
            return false;
        }

        if (!_loops.AllSampled)
        {
            return false;
        }

        StartSkipping(now);
        return true;
    }

    /// <summary>A round without mount_lock sections has nothing to sample: the loop skips from its first round.</summary>
    internal void SkipWithoutSampling(long now)
    {
        Sample.Conclude();
        StartSkipping(now);
    }

    /// <summary>
    /// The loops on mount_lock changed (one began or ended), so what a round costs changes: a sampling loop
    /// starts its sample again, a skipping one ends its chunk with the round it is in and samples again.
    /// </summary>
    internal void Interrupt(long now)
    {
        if (_phase is LoopPhase.Sampling or LoopPhase.Ready)
        {
            // The round in progress is the warm-up: it ran partly before the change.
            _phase = LoopPhase.Sampling;
            Sample.Restart();
            return;
        }

        if (_phase == LoopPhase.Skipping && !_stopping)
        {
            // Stop where the loop is, now: the thread goes on one by one from there (an event now, not a call in the
            // middle of the thread that made the change).
            _stopping = true;
            _generation++;
            _loops.ScheduleWake(this, _generation, now);
        }
    }

    /// <summary>
    /// The loop's event <paramref name="generation"/> came now: a chunk ends (its rounds settled) and the next
    /// begins, or the thread runs rounds one by one again, or goes on after the loop.
    /// </summary>
    internal void OnWake(int generation, long now)
    {
        if (generation == _generation && Step(now) is var step and not LoopStep.Wait)
        {
            Thread.ResumeAfterLoopChunk(step);
        }
    }

    private LoopStep Step(long now)
    {
        if (_stopping)
        {
            return StopNow(now);
        }

        if (now < (long)Math.Ceiling(_chunkEnd))
        {
            // Another thread's section delayed the loop since this event was set.
            ScheduleWake();
            return LoopStep.Wait;
        }

        if (_blockedAt < _chunkEnd)
        {
            // Stalled behind another thread's section: the lock's release moves the chunk on.
            _wakeDue = true;
            return LoopStep.Wait;
        }

        RoundsLeft -= _chunkRounds;
        SettleChunk(now, _chunkRounds, 0);
        if (RoundsLeft == 0)
        {
            StopSkipping(now);
            return LoopStep.Done;
        }

        if (_loops.Shared && Math.Abs((_timeline.Period / _timeline.PeriodAtSample) - 1) > MaxDrift)
        {
            // The round has drifted from its sample (the background's share of the CPU, the SMT sibling): the loops sample again together.
            _loops.InterruptOthers(this, now);
            StopSkipping(now);
            (ResumeOp, PendingWorkNs) = (0, 0);
            RestartSample(now, 0);
            return LoopStep.RunRounds;
        }

        StartChunk(now);
        return LoopStep.Wait;
    }

    /// <summary>
    /// The loop stops skipping now, in the middle of a round: the whole rounds and the part of this one done are
    /// settled, and the thread goes on from the stretch it is in: the rest of its work, the lock it waits for (asked
    /// for anew, now, as a thread's), or what is left of a section's work after it.
    /// </summary>
    private LoopStep StopNow(long now)
    {
        _stopping = false;
        _wakeDue = false;
        var (rounds, phase) = PositionAt(now);
        _blockedAt = double.PositiveInfinity;
        var done = _chunkRounds == 0 ? 1 : ((rounds * _timeline.Period) + phase) / (_chunkRounds * _timeline.Period);
        var (resume, pending, sections, allocations) = _timeline.ResumeAt(phase);
        _runningNs *= done;
        _runnableNs = ((_runnableNs - _detoursNs) * done) + _detoursNs;
        RoundsLeft -= rounds;
        SettleChunk(now, rounds, sections, allocations);
        StopSkipping(now);
        if (RoundsLeft == 0)
        {
            return LoopStep.Done;
        }

        (ResumeOp, PendingWorkNs) = (resume, pending);
        RestartSample(now, sections);
        return LoopStep.RunRounds;
    }

    /// <summary>
    /// Takes the sample afresh from a round beginning now with <paramref name="sectionsDone"/> of its sections behind
    /// it, the warm-up; with too few rounds left, the loop runs them one by one.
    /// </summary>
    private void RestartSample(long now, int sectionsDone)
    {
        _phase = RoundsLeft >= RoundSample.WarmupRounds + RoundSample.SampledRounds + MinSkippedRounds ? LoopPhase.Sampling : LoopPhase.OneByOne;
        Sample.StartRound(now, sectionsDone);
        Sample.Restart();
    }

    // Where the skipping loop is, for the lock's other users.

    /// <summary>
    /// A thread's section is in the lock from <paramref name="now"/>: the loop goes on until it asks for the lock
    /// next (a section already asked for is ahead of the thread and goes first) and stalls there, queued.
    /// </summary>
    internal void Block(long now)
    {
        if (!Skipping || IsBlocked)
        {
            return;
        }

        (_blockedAt, _blockedSection) = NextRequest(now);
        _plannedGrant = _blockedAt + Sample.MeanWait(_blockedSection);
    }

    /// <summary>The handoff to section <paramref name="section"/> when it is queued (the sampled gap before it when it waited).</summary>
    internal double QueuedGap(int section) => Sample.QueuedGap(section);

    /// <summary>The hold of section <paramref name="section"/> now.</summary>
    internal double Hold(int section) => _timeline.Hold(section);

    /// <summary>
    /// The stalled loop gets the lock at <paramref name="grantedAt"/> (null: it had not asked yet, nothing changes):
    /// its round goes on from that section's hold, later than planned by what it waited beyond its sampled wait
    /// for the other loops.
    /// </summary>
    internal void Unblock(double? grantedAt)
    {
        if (!IsBlocked)
        {
            return;
        }

        if (grantedAt is { } granted && _blockedAt < _chunkEnd)
        {
            var delay = Math.Max(0, granted - _plannedGrant);

            // While stalled the loop's batches cover none of the lock's time, its share of which the thread's section covered.
            _loops.Walks.RemoveCoverage(delay * _coverageShare);
            _progressFloor = _blockedAt - _chunkBase;
            _chunkBase += delay;
            _chunkEnd += delay;
            Lock.Statistics.WaitTime.Record(Math.Max(granted - _blockedAt, 0));
            _owedWaits[_blockedSection]++;
        }

        _blockedAt = double.PositiveInfinity;
        if (_wakeDue)
        {
            _wakeDue = false;
            ScheduleWake();
        }
    }

    /// <summary>What the skipping loop does at <paramref name="now"/>: working, waiting for or holding a section (which), and the time left of it.</summary>
    internal (RoundEntry Kind, int Section, double Left, double Elapsed) StateAt(long now) => _timeline.StateAt(PositionAt(now).Phase);

    /// <summary>Whether section <paramref name="section"/> of a round is a write section (it makes the sequence odd).</summary>
    internal bool Bumps(int section) => _timeline.Bumps(section);

    /// <summary>
    /// What section <paramref name="section"/> takes of the lock when it is queued: the handoff to it (the gap before
    /// it in the sampled rounds where it had to wait, so that the gap was a handoff and no idle time) and its hold.
    /// </summary>
    internal double LockTime(int section) => Sample.QueuedGap(section) + _timeline.Hold(section);

    /// <summary>The end of the loop's last write section before <paramref name="time"/>, or -infinity.</summary>
    internal double LastWriteEndBefore(double time) => LastHoldEndBefore(time, writesOnly: true);

    /// <summary>The end of the loop's last section before <paramref name="time"/>, or -infinity.</summary>
    internal double LastSectionEndBefore(double time) => LastHoldEndBefore(time, writesOnly: false);

    /// <summary>Write sections the loop has made up to <paramref name="time"/> while skipping.</summary>
    internal long WriteSectionsBy(long time)
    {
        if (!Skipping)
        {
            return _bumpsSettled;
        }

        var (rounds, phase) = PositionAt(time);
        return _bumpsSettled + ((long)rounds * _timeline.WriteSections) + _timeline.WriteSectionsBegunBy(phase);
    }

    /// <summary>
    /// Rounds made while skipping up to <paramref name="time"/> (a fraction for the one in progress), and when the last
    /// section before it ended.
    /// </summary>
    internal (double Rounds, double LastSectionEnd) ProgressAt(long time)
    {
        if (!Skipping)
        {
            return (_skippedRounds, _lastSectionEnd);
        }

        var (rounds, phase) = PositionAt(time);
        return (_skippedRounds + rounds + (phase / _timeline.Period), LastHoldEnd(rounds, phase, writesOnly: false));
    }

    private void StartSkipping(long now)
    {
        _phase = LoopPhase.Skipping;
        _firstChunk = true;
        _loops.OnSkipping(this, now);
        StartChunk(now);
    }

    private void StopSkipping(long now)
    {
        _phase = LoopPhase.OneByOne;
        _loops.OnSkippingStopped(this, now);
    }

    /// <summary>
    /// Lays out a round as it costs now and schedules the chunk's end: work outside the sections as
    /// <see cref="KernelThread"/> charges it (SMT sibling, the background lookups' share of the CPU, host
    /// noise), each section's sampled wait and its hold (no background stretch: spin_lock disables preemption),
    /// and the rest of the sampled overhead with the work.
    /// </summary>
    private void StartChunk(long now)
    {
        var hardwareThread = Thread.HardwareThread;
        var smt = Thread.SmtFactorNow();
        var background = _kernel.PathWalks.BackgroundShare(hardwareThread, now);
        var otherOverhead = Math.Max(0, Sample.OverheadNs - Sample.SectionWaitsNs);
        var (running, stretched) = _timeline.LayOut(smt, background, Sample.MeanWaits, otherOverhead, atSample: _firstChunk);
        _firstChunk = false;
        var period = _timeline.Period;
        _heldShare = HasSections ? Math.Min(1, Sample.BusyShare * _timeline.PeriodAtSample / period) : 0;

        // The share of the lock's time the loop's batches cover: what a stall of the loop leaves to a thread's section.
        _coverageShare = 0;
        for (var j = 0; j < Sections; j++)
        {
            if (Bumps(j))
            {
                var batch = Batch(j, 1);
                _coverageShare += (batch.InFlightNs + batch.QuietNs + _timeline.Hold(j)) / period;
            }
        }

        var rounds = (int)Math.Clamp(_loops.ChunkNs / period, 1, RoundsLeft);
        var detours = _kernel.Detours?.Lengthen(hardwareThread, rounds * running) ?? 0;
        _chunkStart = now;
        _chunkBase = now + detours;
        _detoursNs = detours;
        _progressFloor = 0;
        _blockedAt = double.PositiveInfinity;
        _chunkRounds = rounds;
        _chunkEnd = _chunkBase + (rounds * period);
        _runningNs = rounds * running;
        _runnableNs = (rounds * (stretched - (running - _timeline.HoldsNs))) + detours;
        _loops.OnChunkStarted(this, now);
        ScheduleWake();
    }

    private void ScheduleWake() =>
        _loops.ScheduleWake(this, _generation, Math.Max(_kernel.Simulation.Now, (long)Math.Ceiling(_chunkEnd)));

    /// <summary>
    /// The chunk's rounds as the per-mount mode would have recorded them: acquisitions, holds, the sampled waits
    /// replayed, handoffs, the path walks' batches, the allocator's, and the thread's time (working, runnable while
    /// the background had its CPU, spinning the rest).
    /// </summary>
    private void SettleChunk(long now, int rounds, int sectionsAfter, int allocationsAfter = 0)
    {
        _loops.SyncLine(now);
        var statistics = Lock.Statistics;
        for (var j = 0; j < Sections; j++)
        {
            var count = rounds + (j < sectionsAfter ? 1 : 0);
            statistics.Acquisitions += count;
            statistics.HoldTime.Record(_timeline.Hold(j), count);
            var owed = Math.Min(_owedWaits[j], count);
            _owedWaits[j] -= owed;
            var replays = count - owed;
            for (var m = 0; m < RoundSample.SampledRounds && Sample.Count > 0; m++)
            {
                statistics.WaitTime.Record(Sample.Wait(m, j), (replays / RoundSample.SampledRounds) + (m < replays % RoundSample.SampledRounds ? 1 : 0));
            }

            if (Bumps(j))
            {
                _loops.Walks.OnSectionBatch(Batch(j, count), now);
                _bumpsSettled += count;
            }
        }

        for (var d = 0; d < DistanceClasses; d++)
        {
            var distance = (DistanceClass)d;
            _handoffCarry[d] += rounds * Sample.HandoffsPerRound(distance);
            var whole = Math.Floor(_handoffCarry[d]);
            Lock.CountHandoffs(distance, (long)whole);
            _handoffCarry[d] -= whole;
            _transferCarry[d] += rounds * Sample.TransfersPerRound(distance);
            whole = Math.Floor(_transferCarry[d]);
            Lock.Line.CountTransfers(distance, (long)whole);
            _transferCarry[d] -= whole;
        }

        if (Body.Allocations > 0)
        {
            _kernel.PercpuAllocMutex.AllocateInBulk(((long)rounds * Body.Allocations) + allocationsAfter, rounds * Sample.PcpuWaitPerRound);
            _kernel.MountIdLock.AbsorbBulk(0, 0, Thread.HardwareThread);
        }

        _lastWriteEnd = LastHoldEndBefore(now, writesOnly: true);
        _lastSectionEnd = LastHoldEndBefore(now, writesOnly: false);
        var elapsed = now - _chunkStart;
        Thread.AccountLoopChunk(_runningNs, _runnableNs, Math.Max(0, elapsed - _runningNs - _runnableNs));
        _skippedRounds += rounds;
        _chunkRounds = 0;
        _chunkBase = now;
        _chunkEnd = now;
    }

    /// <summary>Section <paramref name="section"/>'s write sections of <paramref name="rounds"/> rounds for the path walks.</summary>
    private SectionBatch Batch(int section, int rounds) => Sample.Batch(_timeline, section, rounds, _loops.Walks.Parameters.WalkNs);

    /// <summary>Rounds done in the chunk at <paramref name="time"/> and how far into the next (ns); the loop does not move while stalled.</summary>
    private (int Rounds, double Phase) PositionAt(double time)
    {
        var period = _timeline.Period;
        var progress = Math.Max(_progressFloor, Math.Min(time, _blockedAt) - _chunkBase);
        if (progress <= 0)
        {
            return (0, 0);
        }

        if (progress >= _chunkRounds * period)
        {
            return (_chunkRounds, 0);
        }

        var rounds = (int)(progress / period);
        return (rounds, progress - (rounds * period));
    }

    /// <summary>When, after <paramref name="time"/>, the loop asks for mount_lock next, and for which section: a section already asked for goes first.</summary>
    private (double At, int Section) NextRequest(long time)
    {
        var (rounds, phase) = PositionAt(time);
        var (ahead, start, section) = _timeline.NextRequest(phase);
        return (_chunkBase + ((rounds + ahead) * _timeline.Period) + start, section);
    }

    private double LastHoldEndBefore(double time, bool writesOnly)
    {
        if (!Skipping)
        {
            var before = writesOnly ? _lastWriteEnd : _lastSectionEnd;
            return before <= time ? before : double.NegativeInfinity;
        }

        var (rounds, phase) = PositionAt(time);
        return LastHoldEnd(rounds, phase, writesOnly);
    }

    /// <summary>The end of the last (write) section before the position <paramref name="rounds"/>, <paramref name="phase"/> of the chunk.</summary>
    private double LastHoldEnd(int rounds, double phase, bool writesOnly)
    {
        if (_timeline.LastHoldEnd(phase, writesOnly) is { } last && rounds >= last.RoundsBack)
        {
            return _chunkBase + ((rounds - last.RoundsBack) * _timeline.Period) + last.End;
        }

        return writesOnly ? _lastWriteEnd : _lastSectionEnd;
    }

    private enum LoopPhase
    {
        Sampling,
        Ready,
        Skipping,
        OneByOne,
    }
}
