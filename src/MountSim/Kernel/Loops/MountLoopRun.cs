using MountSim.Hardware;
using MountSim.Kernel.Execution;
using MountSim.Kernel.PathWalks;

namespace MountSim.Kernel.Loops;

/// <summary>
/// One per-mount loop in closed form on one kernel thread (<see cref="MountLoops"/> says why and how). It
/// samples: after a warm-up round it runs rounds one by one, as the per-mount mode does, and records what
/// contention costs a round here and now: the time not spent working (waiting for mount_lock behind the other
/// loops' sections and for the line), each section's wait and the gap before and after it, the line's work for
/// its thread and the allocator's waits. The part of a wait spent behind another thread's own section (from its
/// grant to the next holder's) is taken out: such sections meet the closed form as they come. The loops on
/// mount_lock sample together and skip together. Skipping, the thread waits for chunks of rounds, one event
/// each. A chunk's round lasts what the recipe's work costs now (SMT sibling, the background lookups' share of
/// the CPU outside the sections, host noise, as <see cref="KernelThread"/> charges work) plus the sampled
/// overhead, laid out in the recipe's order (work, then per section its wait and hold), so that where the loop
/// is at any moment is known. At the end of a chunk the lock's statistics, the path walks and the allocator get
/// what the chunk's rounds would have given them. When the loops on the lock change, it stops where it is and
/// goes on one by one from that stretch of its round, to sample again.
/// </summary>
public sealed class MountLoopRun
{
    /// <summary>Rounds run before sampling, for the loop to meet the others as they are (the line, the queue).</summary>
    public const int WarmupRounds = 1;

    /// <summary>Rounds sampled: a round's overhead is an average over this many.</summary>
    public const int SampledRounds = 16;

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
    private readonly int _sections;
    private readonly int _bumpsPerRound;
    private readonly RoundEntry[] _kinds;
    private readonly int[] _sectionOf;
    private readonly int[] _segmentOf;
    private readonly double[] _starts;
    private readonly double[] _lengths;
    private readonly double[] _holds;
    private readonly bool[] _sectionBumps;
    private readonly double[] _gapAtSample;
    private readonly double[] _gapShift;

    // The sample: per sampled round and section, the wait, the gap since the last write section ended and the gap after it.
    private readonly double[] _waits;
    private readonly double[] _gaps;
    private readonly double[] _gapsAfter;
    private readonly double[] _roundGapsAfter;
    private readonly double[] _roundWaits;
    private readonly double[] _roundGaps;
    private readonly double[] _meanWaits;
    private readonly double[] _queuedGaps;
    private readonly double[] _transfers = new double[DistanceClasses];
    private readonly double[] _handoffs = new double[DistanceClasses];
    private readonly long[] _transfersAtRound = new long[DistanceClasses];
    private readonly long[] _handoffsAtRound = new long[DistanceClasses];
    private readonly double[] _transferCarry = new double[DistanceClasses];
    private readonly double[] _handoffCarry = new double[DistanceClasses];
    private readonly int[] _owedWaits;
    private LoopPhase _phase = LoopPhase.Sampling;
    private int _warmupLeft = WarmupRounds;
    private int _sampled;
    private long _roundStart;
    private double _roundExternalNs;
    private double _roundWorkNs;
    private double _agentAtRound;
    private double _roundPcpuWaitNs;
    private int _roundSection;
    private int _unlockedSection = -1;
    private long _unlockedRound;
    private long _round;
    private long _committedRound = -1;
    private long _requestedAt;
    private double _externalAtRequest;
    private double _sampledElapsedNs;
    private double _sampledWorkNs;
    private double _sampledAgentNs;
    private double _sampledPcpuWaitNs;
    private long _windowStart;
    private double _busyAreaAtWindowStart;
    private double _busyShare;
    private double _periodAtSample;
    private bool _firstChunk;

    // What a sampled round costs beyond its work, and per round of the line and the allocator.
    private double _overheadNs;
    private double _agentPerRound;
    private double _pcpuWaitPerRound;

    // The chunk being skipped: rounds start at _chunkBase, one every _period, unless the loop stalls at _blockedAt.
    private long _chunkStart;
    private double _chunkBase;
    private double _period;
    private int _chunkRounds;
    private double _chunkEnd;
    private double _progressFloor;
    private double _blockedAt = double.PositiveInfinity;
    private int _blockedSection;
    private double _plannedGrant;
    private double _runningNs;
    private double _runnableNs;
    private double _detoursNs;
    private double _heldShare;
    private double _coverageShare;
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
        _roundStart = now;
        _sections = body.Segments.Count(s => s.IsSection);
        _bumpsPerRound = body.Segments.Count(s => s.BumpsSequence);
        var kinds = new List<RoundEntry>();
        var sectionOf = new List<int>();
        var segmentOf = new List<int>();
        var section = 0;
        for (var k = 0; k < body.Segments.Length; k++)
        {
            if (body.Segments[k].IsSection)
            {
                kinds.AddRange([RoundEntry.Wait, RoundEntry.Hold]);
                sectionOf.AddRange([section, section]);
                segmentOf.AddRange([k, k]);
                section++;
            }
            else
            {
                kinds.Add(RoundEntry.Work);
                sectionOf.Add(-1);
                segmentOf.Add(k);
            }
        }

        _kinds = [.. kinds];
        _sectionOf = [.. sectionOf];
        _segmentOf = [.. segmentOf];
        _starts = new double[_kinds.Length];
        _lengths = new double[_kinds.Length];
        _holds = new double[_sections];
        _sectionBumps = [.. body.Sections.Select(s => s.BumpsSequence)];
        _waits = new double[SampledRounds * _sections];
        _gaps = new double[SampledRounds * _sections];
        _gapsAfter = new double[SampledRounds * _sections];
        _roundGapsAfter = new double[_sections];
        _roundWaits = new double[_sections];
        _roundGaps = new double[_sections];
        _meanWaits = new double[_sections];
        _queuedGaps = new double[_sections];
        _owedWaits = new int[_sections];
        _gapAtSample = new double[_sections];
        _gapShift = new double[_sections];
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
    public bool HasSections => _sections > 0;

    /// <summary>mount_lock sections per round.</summary>
    internal int Sections => _sections;

    /// <summary>Whether a thread's section holds the loop up now: it stalls, queued, at its next request until the lock is its.</summary>
    internal bool IsBlocked => !double.IsPositiveInfinity(_blockedAt);

    /// <summary>When the loop asks for mount_lock next while blocked (where it stalls, queued), in ns.</summary>
    internal double BlockedAt => _blockedAt;

    /// <summary>
    /// The share of time mount_lock counts as held while the loop skips: what the lock's utilization was while the
    /// loop was sampled (from a request on a free lock to the last release with nobody queued: the handoffs between
    /// the loops count, as they do one by one), scaled with the loop's round since.
    /// </summary>
    internal double HeldShare => Skipping ? _heldShare : 0;

    /// <summary>Rounds the line has been given the traffic of (<see cref="MountLoops.SyncLine"/>).</summary>
    internal double AbsorbedRounds { get; set; }

    internal double AgentPerRound => _agentPerRound;

    private static int DistanceClasses => Enum.GetValues<DistanceClass>().Length;

    private MountLock Lock => _kernel.MountLock;

    // Sampling: the thread reports its round's work and lock operations.

    /// <summary>The thread worked <paramref name="ns"/> (its stretch by the background and host noise included).</summary>
    internal void OnWork(double ns) => _roundWorkNs += ns;

    /// <summary>The thread's allocation waited <paramref name="ns"/> for pcpu_alloc_mutex.</summary>
    internal void OnAllocationWait(double ns) => _roundPcpuWaitNs += ns;

    /// <summary>The thread asks for mount_lock now.</summary>
    internal void OnLockRequest(long now)
    {
        _requestedAt = now;
        _externalAtRequest = Lock.ExternalBusyNs(now);
    }

    /// <summary>The thread got mount_lock now: its wait, and the gap since the last write section ended.</summary>
    internal void OnGranted(long now)
    {
        // The part of the wait spent behind other threads' sections is theirs: they meet the closed form as they come.
        var external = Math.Min(now - _requestedAt, Lock.ExternalBusyNs(now) - _externalAtRequest);
        _roundExternalNs += external;
        if (_roundSection < _sections)
        {
            _roundWaits[_roundSection] = now - _requestedAt - external;
            var lastWrite = Math.Max(Lock.LastWriteEndAt, _loops.LastWriteEndBefore(now));
            _roundGaps[_roundSection] = double.IsNegativeInfinity(lastWrite) ? 0 : Math.Max(0, now - lastWrite);
        }

        _roundSection++;
    }

    /// <summary>The thread released its section now: the next write section to start tells how long the lookups it released walk.</summary>
    internal void OnUnlocked() => (_unlockedSection, _unlockedRound) = (Math.Min(_roundSection, _sections) - 1, _round);

    /// <summary>
    /// The write section after the loop's last one started <paramref name="gapNs"/> after it ended: a gap shorter than a
    /// walk overtakes the lookups the loop's section released.
    /// </summary>
    internal void OnFollowed(double gapNs)
    {
        if (_unlockedSection < 0)
        {
            return;
        }

        if (_unlockedRound == _round)
        {
            _roundGapsAfter[_unlockedSection] = gapNs;
        }
        else if (_unlockedRound == _committedRound && _sampled > 0)
        {
            _gapsAfter[((_sampled - 1) * _sections) + _unlockedSection] = gapNs;
        }

        _unlockedSection = -1;
    }

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

        if (_phase != LoopPhase.Sampling)
        {
            return false;
        }

        if (_warmupLeft > 0 || _loops.AnySkipping)
        {
            // A loop still skipping (it ends the round it was in before sampling again) is not what the sample must see.
            _warmupLeft = Math.Max(0, _warmupLeft - 1);
            _windowStart = now;
            _busyAreaAtWindowStart = Lock.Statistics.Utilization.Area(now);
        }
        else
        {
            Array.Copy(_roundWaits, 0, _waits, _sampled * _sections, _sections);
            Array.Copy(_roundGaps, 0, _gaps, _sampled * _sections, _sections);
            Array.Copy(_roundGapsAfter, 0, _gapsAfter, _sampled * _sections, _sections);
            _sampledElapsedNs += now - _roundStart - _roundExternalNs;
            _sampledWorkNs += _roundWorkNs;
            // The line's work for the thread's own requests (its unlocks invalidating the lookups' copies, the handoffs to it).
            var hardwareThread = Thread.HardwareThread;
            _sampledAgentNs += Lock.Line.AgentBusyOf(hardwareThread) - _agentAtRound;
            _sampledPcpuWaitNs += _roundPcpuWaitNs;
            for (var d = 0; d < DistanceClasses; d++)
            {
                _transfers[d] += Lock.Line.TransfersTo(hardwareThread, (DistanceClass)d) - _transfersAtRound[d];
                _handoffs[d] += Lock.HandoffsTo(hardwareThread, (DistanceClass)d) - _handoffsAtRound[d];
            }

            _sampled++;
            _committedRound = _round;
        }

        StartRound(now);
        if (_sampled < SampledRounds)
        {
            return false;
        }

        Conclude();
        _busyShare = now > _windowStart ? (Lock.Statistics.Utilization.Area(now) - _busyAreaAtWindowStart) / (now - _windowStart) : 0;
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
        Conclude();
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
            RestartSample(now, startRound: false);
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

        if (_loops.Shared && Math.Abs((_period / _periodAtSample) - 1) > MaxDrift)
        {
            // The round has drifted from its sample (the background's share of the CPU, the SMT sibling): the loops sample again together.
            _loops.InterruptOthers(this, now);
            StopSkipping(now);
            (ResumeOp, PendingWorkNs) = (0, 0);
            RestartSample(now, startRound: true);
            return LoopStep.RunRounds;
        }

        StartChunk(now);
        return LoopStep.Wait;
    }

    /// <summary>Where the thread goes on one by one: the operation in the round, counted from its first.</summary>
    internal int ResumeOp { get; private set; }

    /// <summary>Work (as the recipe costs it) left of the stretch the loop stopped in, which the thread does first.</summary>
    internal double PendingWorkNs { get; private set; }

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
        var done = _chunkRounds == 0 ? 1 : ((rounds * _period) + phase) / (_chunkRounds * _period);
        var entry = EntryAt(phase);
        var segment = Body.Segments[_segmentOf[entry]];
        var left = _starts[entry] + _lengths[entry] - phase;
        var (resume, pending, sections) = _kinds[entry] switch
        {
            RoundEntry.Wait => (segment.FirstOp, 0.0, _sectionOf[entry]),
            RoundEntry.Hold => (segment.FirstOp + segment.OpCount, segment.WorkNs * left / _lengths[entry], _sectionOf[entry] + 1),
            _ => (segment.FirstOp + segment.OpCount, segment.WorkNs * left / _lengths[entry], SectionsBefore(_segmentOf[entry])),
        };
        if (phase == 0)
        {
            (resume, pending, sections) = (0, 0, 0);
        }

        var allocations = 0;
        for (var k = 0; k < Body.Segments.Length && Body.Segments[k].FirstOp < resume; k++)
        {
            allocations += Body.Segments[k].Allocations;
        }

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
        RestartSample(now, startRound: true);
        _roundSection = sections;
        return LoopStep.RunRounds;
    }

    /// <summary>Sections of the round before segment <paramref name="segment"/>.</summary>
    private int SectionsBefore(int segment)
    {
        var sections = 0;
        for (var k = 0; k < segment; k++)
        {
            sections += Body.Segments[k].IsSection ? 1 : 0;
        }

        return sections;
    }

    /// <summary>Takes the sample afresh, the round in progress its warm-up; with too few rounds left, the loop runs them one by one.</summary>
    private void RestartSample(long now, bool startRound)
    {
        if (startRound)
        {
            _phase = RoundsLeft >= WarmupRounds + SampledRounds + MinSkippedRounds ? LoopPhase.Sampling : LoopPhase.OneByOne;
            StartRound(now);
        }

        _warmupLeft = WarmupRounds;
        _sampled = 0;
        _committedRound = -1;
        _sampledElapsedNs = _sampledWorkNs = _sampledAgentNs = _sampledPcpuWaitNs = 0;
        Array.Clear(_transfers);
        Array.Clear(_handoffs);
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
        _plannedGrant = _blockedAt + _meanWaits[_blockedSection];
    }

    /// <summary>When the stalled loop would have been granted the lock had nothing stalled it: its request plus its sampled wait.</summary>
    internal double PlannedGrant => _plannedGrant;

    /// <summary>The handoff to section <paramref name="section"/> when it is queued (the sampled gap before it when it waited).</summary>
    internal double QueuedGap(int section) => _queuedGaps[section];

    /// <summary>The section the stalled loop asked for.</summary>
    internal int StalledSection => _blockedSection;

    /// <summary>The hold of section <paramref name="section"/> now.</summary>
    internal double Hold(int section) => _holds[section];

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
    internal (RoundEntry Kind, int Section, double Left, double Elapsed) StateAt(long now)
    {
        var (_, phase) = PositionAt(now);
        var entry = EntryAt(phase);
        return (_kinds[entry], _sectionOf[entry], _starts[entry] + _lengths[entry] - phase, phase - _starts[entry]);
    }

    /// <summary>Whether section <paramref name="section"/> of a round is a write section (it makes the sequence odd).</summary>
    internal bool Bumps(int section) => _sectionBumps[section];

    /// <summary>
    /// What section <paramref name="section"/> takes of the lock when it is queued: the handoff to it (the gap before
    /// it in the sampled rounds where it had to wait, so that the gap was a handoff and no idle time) and its hold.
    /// </summary>
    internal double LockTime(int section) => _queuedGaps[section] + _holds[section];

    /// <summary>The time in the round's timeline from the end of the write section before <paramref name="section"/> (the round's last, for its first) to the start of its hold.</summary>
    private double OwnGapBefore(int section)
    {
        var hold = 0;
        while (_kinds[hold] != RoundEntry.Hold || _sectionOf[hold] != section)
        {
            hold++;
        }

        var gap = 0.0;
        for (var k = 1; k <= _kinds.Length; k++)
        {
            var i = (hold - k + _kinds.Length) % _kinds.Length;
            if (_kinds[i] == RoundEntry.Hold && Bumps(_sectionOf[i]))
            {
                break;
            }

            gap += _lengths[i];
        }

        return gap;
    }

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
        var inRound = 0;
        for (var i = 0; i < _kinds.Length; i++)
        {
            if (_kinds[i] == RoundEntry.Hold && _starts[i] <= phase && phase > 0 && Bumps(_sectionOf[i]))
            {
                inRound++;
            }
        }

        return _bumpsSettled + ((long)rounds * _bumpsPerRound) + inRound;
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
        return (_skippedRounds + rounds + (phase / _period), LastHoldEnd(rounds, phase, writesOnly: false));
    }

    private void StartRound(long now)
    {
        _round++;
        _roundStart = now;
        _roundExternalNs = 0;
        _roundWorkNs = _roundPcpuWaitNs = 0;
        _agentAtRound = Lock.Line.AgentBusyOf(Thread.HardwareThread);
        for (var d = 0; d < DistanceClasses; d++)
        {
            _transfersAtRound[d] = Lock.Line.TransfersTo(Thread.HardwareThread, (DistanceClass)d);
            _handoffsAtRound[d] = Lock.HandoffsTo(Thread.HardwareThread, (DistanceClass)d);
        }

        _roundSection = 0;
        Array.Clear(_roundWaits);
        Array.Clear(_roundGaps);
        Array.Fill(_roundGapsAfter, double.NaN);
    }

    /// <summary>The sample's averages per round.</summary>
    private void Conclude()
    {
        var rounds = Math.Max(1, _sampled);
        _overheadNs = _sampled == 0 ? 0 : Math.Max(0, (_sampledElapsedNs - _sampledWorkNs) / rounds);
        _agentPerRound = _sampledAgentNs / rounds;
        _pcpuWaitPerRound = _sampledPcpuWaitNs / rounds;
        for (var d = 0; d < DistanceClasses; d++)
        {
            _transfers[d] /= rounds;
            _handoffs[d] /= rounds;
        }

        for (var j = 0; j < _sections; j++)
        {
            var sum = 0.0;
            for (var m = 0; m < _sampled; m++)
            {
                sum += _waits[(m * _sections) + j];
            }

            _meanWaits[j] = sum / rounds;
            var (handoffs, queued) = (0.0, 0);
            for (var m = 0; m < _sampled; m++)
            {
                if (_waits[(m * _sections) + j] > 0)
                {
                    handoffs += _gaps[(m * _sections) + j];
                    queued++;
                }
            }

            _queuedGaps[j] = queued == 0 ? 0 : handoffs / queued;
        }
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
        var sectionWaits = _meanWaits.Sum();
        var otherOverhead = Math.Max(0, _overheadNs - sectionWaits);
        var workEntries = _kinds.Count(k => k == RoundEntry.Work);
        double running = 0, stretched = 0, offset = 0;
        var segment = 0;
        for (var i = 0; i < _kinds.Length; i++)
        {
            switch (_kinds[i])
            {
                case RoundEntry.Work:
                    var work = Body.Segments[segment++].WorkNs * smt;
                    running += work;
                    stretched += work / (1 - background);
                    _lengths[i] = (work / (1 - background)) + (otherOverhead / workEntries);
                    break;
                case RoundEntry.Wait:
                    _lengths[i] = workEntries == 0 ? _meanWaits[_sectionOf[i]] + (otherOverhead / _sections) : _meanWaits[_sectionOf[i]];
                    break;
                default:
                    var hold = Body.Segments[segment++].WorkNs * smt;
                    _holds[_sectionOf[i]] = hold;
                    running += hold;
                    _lengths[i] = hold;
                    break;
            }

            _starts[i] = offset;
            offset += _lengths[i];
        }

        _period = Math.Max(1, offset);
        if (_firstChunk)
        {
            _firstChunk = false;
            _periodAtSample = _period;
            for (var j = 0; j < _sections; j++)
            {
                _gapAtSample[j] = OwnGapBefore(j);
            }
        }

        _heldShare = HasSections ? Math.Min(1, _busyShare * _periodAtSample / _period) : 0;

        // Gaps the sample saw grow or shrink with the loop's own stretch of the round before each section.
        for (var j = 0; j < _sections; j++)
        {
            _gapShift[j] = OwnGapBefore(j) - _gapAtSample[j];
        }

        // The share of the lock's time the loop's batches cover: what a stall of the loop leaves to a thread's section.
        _coverageShare = 0;
        for (var j = 0; j < _sections; j++)
        {
            if (Bumps(j))
            {
                var batch = Batch(j, 1);
                _coverageShare += (batch.InFlightNs + batch.QuietNs + _holds[j]) / _period;
            }
        }

        var rounds = (int)Math.Clamp(_loops.ChunkNs / _period, 1, RoundsLeft);
        var detours = _kernel.Detours?.Lengthen(hardwareThread, rounds * running) ?? 0;
        _chunkStart = now;
        _chunkBase = now + detours;
        _detoursNs = detours;
        _progressFloor = 0;
        _blockedAt = double.PositiveInfinity;
        _chunkRounds = rounds;
        _chunkEnd = _chunkBase + (rounds * _period);
        _runningNs = rounds * running;
        _runnableNs = (rounds * (stretched - (running - _holds.Sum()))) + detours;
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
        for (var j = 0; j < _sections; j++)
        {
            var count = rounds + (j < sectionsAfter ? 1 : 0);
            statistics.Acquisitions += count;
            statistics.HoldTime.Record(_holds[j], count);
            var owed = Math.Min(_owedWaits[j], count);
            _owedWaits[j] -= owed;
            var replays = count - owed;
            for (var m = 0; m < SampledRounds && _sampled > 0; m++)
            {
                statistics.WaitTime.Record(_waits[(m * _sections) + j], (replays / SampledRounds) + (m < replays % SampledRounds ? 1 : 0));
            }

            if (Bumps(j))
            {
                _loops.Walks.OnSectionBatch(Batch(j, count), now);
                _bumpsSettled += count;
            }
        }

        for (var d = 0; d < DistanceClasses; d++)
        {
            _handoffCarry[d] += rounds * _handoffs[d];
            var whole = Math.Floor(_handoffCarry[d]);
            Lock.CountHandoffs((DistanceClass)d, (long)whole);
            _handoffCarry[d] -= whole;
            _transferCarry[d] += rounds * _transfers[d];
            whole = Math.Floor(_transferCarry[d]);
            Lock.Line.CountTransfers((DistanceClass)d, (long)whole);
            _transferCarry[d] -= whole;
        }

        if (Body.Allocations > 0)
        {
            _kernel.PercpuAllocMutex.AllocateInBulk(((long)rounds * Body.Allocations) + allocationsAfter, rounds * _pcpuWaitPerRound);
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

    /// <summary>
    /// Section <paramref name="section"/>'s write sections of <paramref name="rounds"/> rounds for the path walks:
    /// the sampled gaps before it say how much of each gap ends in flight, and the gaps before the next write
    /// section of the round whether the lookups it releases are overtaken and spin again.
    /// </summary>
    private SectionBatch Batch(int section, int rounds)
    {
        var walk = _loops.Walks.Parameters.WalkNs;
        var next = section;
        do
        {
            next = (next + 1) % _sections;
        }
        while (!Bumps(next));

        double inFlight = 0, gaps = 0, overtaken = 0, again = 0;
        var samples = Math.Max(1, _sampled);
        for (var m = 0; m < _sampled; m++)
        {
            var gap = Math.Max(0, _gaps[(m * _sections) + section] + _gapShift[section]);
            inFlight += Math.Min(walk, gap);
            gaps += gap;
            var measured = _gapsAfter[(m * _sections) + section];
            var after = double.IsNaN(measured) ? Math.Max(0, _gaps[(m * _sections) + next] + _gapShift[next]) : measured;
            if (after < walk)
            {
                overtaken++;
                again += Math.Max(0, after + _holds[next] - walk);
            }
        }

        return new SectionBatch(
            rounds,
            _holds[section],
            inFlight / samples,
            (gaps - inFlight) / samples,
            overtaken / samples,
            overtaken > 0 ? again / overtaken : 0);
    }

    /// <summary>Rounds done in the chunk at <paramref name="time"/> and how far into the next (ns); the loop does not move while stalled.</summary>
    private (int Rounds, double Phase) PositionAt(double time)
    {
        var progress = Math.Max(_progressFloor, Math.Min(time, _blockedAt) - _chunkBase);
        if (progress <= 0)
        {
            return (0, 0);
        }

        if (progress >= _chunkRounds * _period)
        {
            return (_chunkRounds, 0);
        }

        var rounds = (int)(progress / _period);
        return (rounds, progress - (rounds * _period));
    }

    /// <summary>The entry of the round's timeline that <paramref name="phase"/> falls in.</summary>
    private int EntryAt(double phase)
    {
        for (var i = 0; i < _kinds.Length; i++)
        {
            if (phase < _starts[i] + _lengths[i])
            {
                return i;
            }
        }

        return _kinds.Length - 1;
    }

    /// <summary>When, after <paramref name="time"/>, the loop asks for mount_lock next, and for which section: a section already asked for goes first.</summary>
    private (double At, int Section) NextRequest(long time)
    {
        var (rounds, phase) = PositionAt(time);
        var entry = EntryAt(phase);
        var from = _kinds[entry] == RoundEntry.Work ? entry : entry + (_kinds[entry] == RoundEntry.Wait ? 2 : 1);
        for (var i = from; i < _kinds.Length; i++)
        {
            if (_kinds[i] == RoundEntry.Wait)
            {
                return (_chunkBase + (rounds * _period) + _starts[i], _sectionOf[i]);
            }
        }

        var first = Array.IndexOf(_kinds, RoundEntry.Wait);
        return (_chunkBase + ((rounds + 1) * _period) + _starts[first], _sectionOf[first]);
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
        for (var back = 0; back <= 1; back++)
        {
            var round = rounds - back;
            if (round < 0)
            {
                break;
            }

            for (var i = _kinds.Length - 1; i >= 0; i--)
            {
                var end = _starts[i] + _lengths[i];
                if (_kinds[i] == RoundEntry.Hold && (back == 1 || end <= phase) && (!writesOnly || Bumps(_sectionOf[i])))
                {
                    return _chunkBase + (round * _period) + end;
                }
            }
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
