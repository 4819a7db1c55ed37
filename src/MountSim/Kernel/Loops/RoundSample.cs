using MountSim.Hardware;
using MountSim.Kernel.Execution;
using MountSim.Kernel.PathWalks;

namespace MountSim.Kernel.Loops;

/// <summary>
/// The sample of a closed-form loop's rounds run one by one, and what it concludes: after a warm-up round, what
/// contention costs each sampled round (the time not spent working, each section's wait and the gaps before and
/// after it, the line's work and transfers for the loop's thread, the handoffs to it, the allocator's waits), then
/// per round the overhead beyond the work, the mean wait before each section, the handoff to it when queued, and the
/// lock's utilization over the sample. The part of a wait spent behind another thread's own section is left out:
/// such sections meet the closed form as they come. The sampled waits are replayed, and the sampled gaps make the
/// path walks' batches, for the rounds skipped.
/// </summary>
internal sealed class RoundSample
{
    /// <summary>Rounds run before sampling, for the loop to meet the others as they are (the line, the queue).</summary>
    internal const int WarmupRounds = 1;

    /// <summary>Rounds sampled: a round's overhead is an average over this many.</summary>
    internal const int SampledRounds = 16;

    private readonly MountLoops _loops;
    private readonly MountKernel _kernel;
    private readonly KernelThread _thread;
    private readonly int _sections;

    // Per sampled round and section: the wait, the gap since the last write section ended and the gap after it.
    private readonly double[] _waits;
    private readonly double[] _gaps;
    private readonly double[] _gapsAfter;

    // The round in progress, per section.
    private readonly double[] _roundWaits;
    private readonly double[] _roundGaps;
    private readonly double[] _roundGapsAfter;

    private readonly double[] _meanWaits;
    private readonly double[] _queuedGaps;
    private readonly double[] _transfers = new double[DistanceClasses];
    private readonly double[] _handoffs = new double[DistanceClasses];
    private readonly double[] _transfersPerRound = new double[DistanceClasses];
    private readonly double[] _handoffsPerRound = new double[DistanceClasses];
    private readonly long[] _transfersAtRound = new long[DistanceClasses];
    private readonly long[] _handoffsAtRound = new long[DistanceClasses];
    private int _warmupLeft = WarmupRounds;
    private int _sampled;
    private long _round;
    private long _committedRound = -1;
    private long _roundStart;
    private double _roundExternalNs;
    private double _roundWorkNs;
    private double _agentAtRound;
    private double _roundPcpuWaitNs;
    private int _roundSection;
    private int _unlockedSection = -1;
    private long _unlockedRound;
    private long _requestedAt;
    private double _externalAtRequest;
    private double _sampledElapsedNs;
    private double _sampledWorkNs;
    private double _sampledAgentNs;
    private double _sampledPcpuWaitNs;
    private long _windowStart;
    private double _busyAreaAtWindowStart;

    internal RoundSample(MountLoops loops, MountKernel kernel, KernelThread thread, int sections, long now)
    {
        _loops = loops;
        _kernel = kernel;
        _thread = thread;
        _sections = sections;
        _roundStart = now;
        _waits = new double[SampledRounds * sections];
        _gaps = new double[SampledRounds * sections];
        _gapsAfter = new double[SampledRounds * sections];
        _roundWaits = new double[sections];
        _roundGaps = new double[sections];
        _roundGapsAfter = new double[sections];
        _meanWaits = new double[sections];
        _queuedGaps = new double[sections];
    }

    /// <summary>Rounds in the sample so far.</summary>
    internal int Count => _sampled;

    /// <summary>What a sampled round costs beyond its work, in ns.</summary>
    internal double OverheadNs { get; private set; }

    /// <summary>The line's work per round for the loop's thread, in ns.</summary>
    internal double AgentPerRound { get; private set; }

    /// <summary>The allocator's wait per round, in ns.</summary>
    internal double PcpuWaitPerRound { get; private set; }

    /// <summary>
    /// The lock's utilization while the sample was taken (from a request on a free lock to the last release with
    /// nobody queued: the handoffs between the loops count, as they do one by one).
    /// </summary>
    internal double BusyShare { get; private set; }

    /// <summary>The mean wait before each section, per round, in ns.</summary>
    internal ReadOnlySpan<double> MeanWaits => _meanWaits;

    /// <summary>The mean waits of a round's sections together, in ns.</summary>
    internal double SectionWaitsNs => _meanWaits.Sum();

    private static int DistanceClasses => Enum.GetValues<DistanceClass>().Length;

    private MountLock Lock => _kernel.MountLock;

    /// <summary>The mean wait before section <paramref name="section"/>, in ns.</summary>
    internal double MeanWait(int section) => _meanWaits[section];

    /// <summary>The handoff to section <paramref name="section"/> when it is queued (the sampled gap before it when it waited).</summary>
    internal double QueuedGap(int section) => _queuedGaps[section];

    /// <summary>The line's transfers to the loop's thread per round, from <paramref name="distance"/> away.</summary>
    internal double TransfersPerRound(DistanceClass distance) => _transfersPerRound[(int)distance];

    /// <summary>The lock's handoffs to the loop's thread per round, from <paramref name="distance"/> away.</summary>
    internal double HandoffsPerRound(DistanceClass distance) => _handoffsPerRound[(int)distance];

    /// <summary>The wait before section <paramref name="section"/> in sampled round <paramref name="round"/>, in ns.</summary>
    internal double Wait(int round, int section) => _waits[(round * _sections) + section];

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
    /// A round run one by one to be sampled has ended now: it warms up when it is a warm-up round or while
    /// <paramref name="othersSkipping"/> (a loop still skipping, which ends the round it was in before sampling
    /// again, is not what the sample must see), else it joins the sample. True when the sample is complete and
    /// concluded.
    /// </summary>
    internal bool RoundDone(long now, bool othersSkipping)
    {
        if (_warmupLeft > 0 || othersSkipping)
        {
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
            var hardwareThread = _thread.HardwareThread;
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

        StartRound(now, 0);
        if (_sampled < SampledRounds)
        {
            return false;
        }

        Conclude();
        BusyShare = now > _windowStart ? (Lock.Statistics.Utilization.Area(now) - _busyAreaAtWindowStart) / (now - _windowStart) : 0;
        return true;
    }

    /// <summary>A round begins now with <paramref name="sectionsDone"/> of its sections behind it (a loop that stopped skipping in the middle of one).</summary>
    internal void StartRound(long now, int sectionsDone)
    {
        _round++;
        _roundStart = now;
        _roundExternalNs = 0;
        _roundWorkNs = _roundPcpuWaitNs = 0;
        _agentAtRound = Lock.Line.AgentBusyOf(_thread.HardwareThread);
        for (var d = 0; d < DistanceClasses; d++)
        {
            _transfersAtRound[d] = Lock.Line.TransfersTo(_thread.HardwareThread, (DistanceClass)d);
            _handoffsAtRound[d] = Lock.HandoffsTo(_thread.HardwareThread, (DistanceClass)d);
        }

        _roundSection = sectionsDone;
        Array.Clear(_roundWaits);
        Array.Clear(_roundGaps);
        Array.Fill(_roundGapsAfter, double.NaN);
    }

    /// <summary>Forgets the sample to take it afresh, from a warm-up round.</summary>
    internal void Restart()
    {
        _warmupLeft = WarmupRounds;
        _sampled = 0;
        _committedRound = -1;
        _sampledElapsedNs = _sampledWorkNs = _sampledAgentNs = _sampledPcpuWaitNs = 0;
        Array.Clear(_transfers);
        Array.Clear(_handoffs);
    }

    /// <summary>The sample's averages per round; with none sampled (a round without sections), no overhead beyond the work.</summary>
    internal void Conclude()
    {
        var rounds = Math.Max(1, _sampled);
        OverheadNs = _sampled == 0 ? 0 : Math.Max(0, (_sampledElapsedNs - _sampledWorkNs) / rounds);
        AgentPerRound = _sampledAgentNs / rounds;
        PcpuWaitPerRound = _sampledPcpuWaitNs / rounds;
        for (var d = 0; d < DistanceClasses; d++)
        {
            _transfersPerRound[d] = _transfers[d] / rounds;
            _handoffsPerRound[d] = _handoffs[d] / rounds;
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

    /// <summary>
    /// Section <paramref name="section"/>'s write sections of <paramref name="rounds"/> rounds for the path walks,
    /// whose walks last <paramref name="walkNs"/>: the sampled gaps before it (shifted with the loop's own stretch of
    /// <paramref name="round"/> as laid out now) say how much of each gap ends in flight, and the gaps before the
    /// next write section of the round whether the lookups it releases are overtaken and spin again.
    /// </summary>
    internal SectionBatch Batch(RoundTimeline round, int section, int rounds, double walkNs)
    {
        var next = section;
        do
        {
            next = (next + 1) % _sections;
        }
        while (!round.Bumps(next));

        double inFlight = 0, gaps = 0, overtaken = 0, again = 0;
        var samples = Math.Max(1, _sampled);
        for (var m = 0; m < _sampled; m++)
        {
            var gap = Math.Max(0, _gaps[(m * _sections) + section] + round.GapShift(section));
            inFlight += Math.Min(walkNs, gap);
            gaps += gap;
            var measured = _gapsAfter[(m * _sections) + section];
            var after = double.IsNaN(measured) ? Math.Max(0, _gaps[(m * _sections) + next] + round.GapShift(next)) : measured;
            if (after < walkNs)
            {
                overtaken++;
                again += Math.Max(0, after + round.Hold(next) - walkNs);
            }
        }

        return new SectionBatch(
            rounds,
            round.Hold(section),
            inFlight / samples,
            (gaps - inFlight) / samples,
            overtaken / samples,
            overtaken > 0 ? again / overtaken : 0);
    }
}
