using System.Collections.Immutable;

namespace MountSim.Kernel.Loops;

/// <summary>
/// A closed-form loop's round as a timeline: its stretches in the recipe's order (work, then per mount_lock
/// section its wait and its hold), laid out at what they cost now, with where each starts and how long it lasts
/// within the round's period. It answers where in a round a moment falls (as a phase, ns from the round's start)
/// and what the loop does there; <see cref="MountLoopRun"/> lays it out anew for every chunk.
/// </summary>
internal sealed class RoundTimeline
{
    private readonly ImmutableArray<LoopSegment> _segments;
    private readonly RoundEntry[] _kinds;
    private readonly int[] _sectionOf;
    private readonly int[] _segmentOf;
    private readonly bool[] _sectionBumps;
    private readonly int _workEntries;
    private readonly double[] _starts;
    private readonly double[] _lengths;
    private readonly double[] _holds;
    private readonly double[] _gapAtSample;
    private readonly double[] _gapShift;

    internal RoundTimeline(MountLoopBody body)
    {
        _segments = body.Segments;
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

        Sections = section;
        WriteSections = body.Segments.Count(s => s.BumpsSequence);
        _kinds = [.. kinds];
        _sectionOf = [.. sectionOf];
        _segmentOf = [.. segmentOf];
        _sectionBumps = [.. body.Sections.Select(s => s.BumpsSequence)];
        _workEntries = _kinds.Count(k => k == RoundEntry.Work);
        _starts = new double[_kinds.Length];
        _lengths = new double[_kinds.Length];
        _holds = new double[Sections];
        _gapAtSample = new double[Sections];
        _gapShift = new double[Sections];
    }

    /// <summary>mount_lock sections per round.</summary>
    internal int Sections { get; }

    /// <summary>Write sections (they make the sequence odd) per round.</summary>
    internal int WriteSections { get; }

    /// <summary>How long a round lasts as laid out, in ns.</summary>
    internal double Period { get; private set; }

    /// <summary>The period of the round as laid out when the loop began to skip after its sample, in ns.</summary>
    internal double PeriodAtSample { get; private set; }

    /// <summary>The sum of the sections' holds, in ns.</summary>
    internal double HoldsNs => _holds.Sum();

    /// <summary>Whether section <paramref name="section"/> of a round is a write section (it makes the sequence odd).</summary>
    internal bool Bumps(int section) => _sectionBumps[section];

    /// <summary>The hold of section <paramref name="section"/> as laid out, in ns.</summary>
    internal double Hold(int section) => _holds[section];

    /// <summary>
    /// How far the loop's own stretch of the round before section <paramref name="section"/> (from the write section
    /// before it) has grown since the sample, in ns: the gaps the sample saw before it grow or shrink with it.
    /// </summary>
    internal double GapShift(int section) => _gapShift[section];

    /// <summary>
    /// Lays the round out as it costs now, with <paramref name="smt"/> the SMT sibling's factor on work and
    /// <paramref name="background"/> the background lookups' share of the CPU outside the sections: each stretch
    /// of work stretched by the background and given its share of <paramref name="otherOverheadNs"/> (the waits'
    /// share when there is no work), each section's wait from <paramref name="waits"/>, its hold unstretched
    /// (spin_lock disables preemption). <paramref name="atSample"/>: this is the layout the sample was taken at.
    /// Returns the work the CPU runs in a round (the holds included), and the work outside the sections as the
    /// background stretches it.
    /// </summary>
    internal (double RunningNs, double StretchedNs) LayOut(double smt, double background, ReadOnlySpan<double> waits, double otherOverheadNs, bool atSample)
    {
        double running = 0, stretched = 0, offset = 0;
        for (var i = 0; i < _kinds.Length; i++)
        {
            switch (_kinds[i])
            {
                case RoundEntry.Work:
                    var work = _segments[_segmentOf[i]].WorkNs * smt;
                    running += work;
                    stretched += work / (1 - background);
                    _lengths[i] = (work / (1 - background)) + (otherOverheadNs / _workEntries);
                    break;
                case RoundEntry.Wait:
                    _lengths[i] = _workEntries == 0 ? waits[_sectionOf[i]] + (otherOverheadNs / Sections) : waits[_sectionOf[i]];
                    break;
                default:
                    var hold = _segments[_segmentOf[i]].WorkNs * smt;
                    _holds[_sectionOf[i]] = hold;
                    running += hold;
                    _lengths[i] = hold;
                    break;
            }

            _starts[i] = offset;
            offset += _lengths[i];
        }

        Period = Math.Max(1, offset);
        if (atSample)
        {
            PeriodAtSample = Period;
            for (var j = 0; j < Sections; j++)
            {
                _gapAtSample[j] = OwnGapBefore(j);
            }
        }

        for (var j = 0; j < Sections; j++)
        {
            _gapShift[j] = OwnGapBefore(j) - _gapAtSample[j];
        }

        return (running, stretched);
    }

    /// <summary>What the loop does at <paramref name="phase"/>: working, waiting for or holding a section (which), the time left of it and the time spent in it.</summary>
    internal (RoundEntry Kind, int Section, double Left, double Elapsed) StateAt(double phase)
    {
        var entry = EntryAt(phase);
        return (_kinds[entry], _sectionOf[entry], _starts[entry] + _lengths[entry] - phase, phase - _starts[entry]);
    }

    /// <summary>
    /// Where a thread goes on one by one from <paramref name="phase"/>: the operation in the round (counted from its
    /// first), the work (as the recipe costs it) left of the stretch it is in, and the sections and allocations of
    /// the round done before that operation. At phase 0 it starts the round afresh.
    /// </summary>
    internal (int ResumeOp, double PendingWorkNs, int SectionsDone, int AllocationsDone) ResumeAt(double phase)
    {
        var entry = EntryAt(phase);
        var segment = _segments[_segmentOf[entry]];
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
        for (var k = 0; k < _segments.Length && _segments[k].FirstOp < resume; k++)
        {
            allocations += _segments[k].Allocations;
        }

        return (resume, pending, sections, allocations);
    }

    /// <summary>
    /// When, after <paramref name="phase"/>, the loop asks for mount_lock next (in this round, or at
    /// <paramref name="phase"/> in the next: <c>RoundsAhead</c> 1), and for which section: a section already asked
    /// for goes first.
    /// </summary>
    internal (int RoundsAhead, double Start, int Section) NextRequest(double phase)
    {
        var entry = EntryAt(phase);
        var from = _kinds[entry] == RoundEntry.Work ? entry : entry + (_kinds[entry] == RoundEntry.Wait ? 2 : 1);
        for (var i = from; i < _kinds.Length; i++)
        {
            if (_kinds[i] == RoundEntry.Wait)
            {
                return (0, _starts[i], _sectionOf[i]);
            }
        }

        var first = Array.IndexOf(_kinds, RoundEntry.Wait);
        return (1, _starts[first], _sectionOf[first]);
    }

    /// <summary>
    /// The end of the last (write) section before <paramref name="phase"/>: in this round, or in the round before
    /// (<c>RoundsBack</c> 1); null when the round has no such section.
    /// </summary>
    internal (int RoundsBack, double End)? LastHoldEnd(double phase, bool writesOnly)
    {
        for (var back = 0; back <= 1; back++)
        {
            for (var i = _kinds.Length - 1; i >= 0; i--)
            {
                var end = _starts[i] + _lengths[i];
                if (_kinds[i] == RoundEntry.Hold && (back == 1 || end <= phase) && (!writesOnly || Bumps(_sectionOf[i])))
                {
                    return (back, end);
                }
            }
        }

        return null;
    }

    /// <summary>Write sections of the round begun by <paramref name="phase"/>.</summary>
    internal int WriteSectionsBegunBy(double phase)
    {
        var begun = 0;
        for (var i = 0; i < _kinds.Length; i++)
        {
            if (_kinds[i] == RoundEntry.Hold && _starts[i] <= phase && phase > 0 && Bumps(_sectionOf[i]))
            {
                begun++;
            }
        }

        return begun;
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

    /// <summary>Sections of the round before segment <paramref name="segment"/>.</summary>
    private int SectionsBefore(int segment)
    {
        var sections = 0;
        for (var k = 0; k < segment; k++)
        {
            sections += _segments[k].IsSection ? 1 : 0;
        }

        return sections;
    }

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
}
