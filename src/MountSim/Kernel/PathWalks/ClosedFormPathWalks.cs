using MathNet.Numerics.Distributions;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel.PathWalks;

/// <summary>
/// Background lookups in closed form, settled once per mount_lock write section instead of
/// one event per lookup (../shared/design/MODEL.md section 4). Lookups are Poisson on every hardware thread, so
/// by Poisson splitting each stretch of time and each LLC domain gets an independent count:
/// <list type="bullet">
/// <item>those starting during a write section spin until it ends (their arrival is uniform in
/// it, their CPU uniform in their domain); each CPU with a spinner holds one Shared copy of the
/// line there, which the writer's unlock must invalidate, and spins from its first arrival;</item>
/// <item>those in flight when a section starts (started less than a walk's length before) fail
/// their final sequence check and restart in ref-walk mode, spinning first if the section is
/// still open then;</item>
/// <item>the rest walk undisturbed and are recorded in bulk.</item>
/// </list>
/// Lookups released at the end of a section walk from then on, so a section that starts less
/// than a walk later overtakes them all (and they may spin again); their latencies are recorded
/// once that is known.
/// </summary>
public sealed class ClosedFormPathWalks : IPathWalkModel
{
    /// <summary>
    /// Equal-probability strata a batch's latencies are recorded in: a uniform spread within 1/64 of its width, so
    /// that the tail quantiles come out as the lookups' own would.
    /// </summary>
    private const int Strata = 32;

    private readonly PathWalkParameters _parameters;
    private readonly RandomStream _random;
    private readonly double[] _perNsByDomain;
    private readonly int[] _cpusByDomain;
    private readonly int[] _firstCpuOfDomain;
    private readonly int[] _domainOfCpu;
    private readonly int[] _copiesOfDomain;
    private readonly double[] _spinOfCpu;
    private readonly long[] _spinStampOfCpu;
    private readonly List<(int Cpu, double Spin)> _spinners = [];
    private readonly BackgroundCpuShare _share;
    private long _stamp;
    private readonly double _perNs;
    private readonly List<double> _released = [];
    private long _accountedUntil;
    private readonly double _flushEveryNs;
    private double _pendingSpinPerCpu;
    private double _coveredTwiceNs;
    private long _pendingSince;

    public ClosedFormPathWalks(Topology topology, PathWalkParameters parameters, RandomStream random, double schedulerHorizonNs = 3e6)
    {
        _parameters = parameters;
        _random = random;
        _cpusByDomain = [.. topology.LlcDomains.Select(d => d.Cores.Sum(c => c.Threads.Count))];
        _perNsByDomain = [.. _cpusByDomain.Select(cpus => cpus * parameters.PerCpuPerNs)];
        _perNs = _perNsByDomain.Sum();
        _domainOfCpu = [.. topology.Threads.Select(t => t.LlcIndex)];
        _firstCpuOfDomain = [.. _cpusByDomain.Select((_, d) => _cpusByDomain.Take(d).Sum())];
        _copiesOfDomain = new int[_cpusByDomain.Length];
        _spinOfCpu = new double[_domainOfCpu.Length];
        _spinStampOfCpu = new long[_domainOfCpu.Length];
        _share = new BackgroundCpuShare(_domainOfCpu.Length, parameters, schedulerHorizonNs);

        // Batches' spin reaches the CPUs' share in steps short against its horizon, not at every batch.
        _flushEveryNs = schedulerHorizonNs / 32;
    }

    public PathWalkStatistics Statistics { get; } = new();

    public PathWalkParameters Parameters => _parameters;

    public void OnSequenceOdd(long at)
    {
    }

    public void OnWriteSection(long start, long end, ContendedLine line)
    {
        var length = end - start;
        if (Covering)
        {
            // The loops' batches cover this time too, unless the section held them up (RemoveCoverage).
            _coveredTwiceNs += end - Math.Min(start, _accountedUntil);
        }

        _spinners.Clear();

        // Lookups the last section released walk from its end: this section overtakes them if it
        // starts within a walk, and if it is still open when they notice, they spin again.
        var releasedOvertaken = start - _accountedUntil < _parameters.WalkNs;
        var releasedSpinAgain = releasedOvertaken ? Math.Max(0, end - (_accountedUntil + _parameters.WalkNs)) : 0;
        foreach (var spin in _released)
        {
            Statistics.Latency.Record(_parameters.WalkNs + spin + (releasedOvertaken ? _parameters.RefWalkPenaltyNs + releasedSpinAgain : 0));
            AddSpinner(releasedSpinAgain);
        }

        if (releasedOvertaken)
        {
            Statistics.Restarts += _released.Count;
        }

        _released.Clear();

        // Lookups walking when the section starts fail their last sequence check at the end of their
        // walk and restart in ref-walk mode, whose path_init spins while the section lasts.
        var inFlight = Math.Min(_parameters.WalkNs, start - _accountedUntil);
        var restarted = AccountQuietStretch(start, inFlight);

        for (var i = 0; i < restarted; i++)
        {
            var noticedAt = start - (_random.NextUnit() * inFlight) + _parameters.WalkNs;
            var spin = Math.Max(0, end - noticedAt);
            Statistics.Latency.Record(_parameters.WalkNs + spin + _parameters.RefWalkPenaltyNs);
            AddSpinner(spin);
        }

        // Lookups starting during the section spin from their arrival to its end.
        for (var domain = 0; domain < _perNsByDomain.Length; domain++)
        {
            var arrivals = Count(_perNsByDomain[domain] * length);
            for (var i = 0; i < arrivals; i++)
            {
                var spin = _random.NextUnit() * length;
                _released.Add(spin);
                _spinners.Add((_firstCpuOfDomain[domain] + (int)(_random.NextUnit() * _cpusByDomain[domain]), spin));
            }
        }

        SettleSpinners(line, end);
        _accountedUntil = Math.Max(_accountedUntil, end);
    }

    /// <summary>Accounts the lookups of the quiet stretch up to <paramref name="now"/> (call once at the end of a run).</summary>
    public void Flush(long now)
    {
        ReleaseUndisturbed();
        AccountQuietStretch(now, inFlight: 0);
    }

    /// <summary>The lookups the last section released walk to their end undisturbed.</summary>
    private void ReleaseUndisturbed()
    {
        foreach (var spin in _released)
        {
            Statistics.Latency.Record(_parameters.WalkNs + spin);
        }

        _released.Clear();
    }

    /// <summary>
    /// Records <paramref name="count"/> lookups of latency <paramref name="baseNs"/> plus a spin uniform over
    /// <paramref name="spreadNs"/>, in equal-probability strata at their midpoints.
    /// </summary>
    private void RecordUniform(double baseNs, double spreadNs, long count)
    {
        var strata = (int)Math.Min(count, Strata);
        for (var k = 0; k < strata; k++)
        {
            Statistics.Latency.Record(baseNs + (spreadNs * (k + 0.5) / strata), (count / strata) + (k < count % strata ? 1 : 0));
        }
    }

    /// <summary>
    /// The expected time one CPU spins in one section of <paramref name="batch"/>: from its first spinner to the
    /// section's end, i.e. the longest spin among its spinners. Spinners reach a CPU as Poisson processes (the
    /// lookups are uniform over the CPUs), so the longest spin exceeds x with probability 1 - exp(-Lambda(x)),
    /// Lambda(x) being the expected spinners that spin more than x: arrivals during the section (those that came
    /// before its last x ns), restarted lookups and lookups spinning again. Lambda is piecewise linear, so the
    /// integral of that probability is exact piece by piece.
    /// </summary>
    private double SpinPerCpu(in SectionBatch batch)
    {
        var cpus = (double)_domainOfCpu.Length;
        var length = batch.LengthNs;
        var arrivalRate = _perNs / cpus;
        var restarts = _perNs * batch.InFlightNs / cpus;
        var lowest = length - _parameters.WalkNs;
        var highest = lowest + batch.InFlightNs;
        var again = batch.SpinAgainNs > 0 ? _perNs * length * batch.OvertakenShare / cpus : 0;
        var (inFlight, spinAgain) = (batch.InFlightNs, batch.SpinAgainNs);

        double Lambda(double x) =>
            (arrivalRate * Math.Max(0, length - x))
            + (x < lowest ? restarts : x < highest ? restarts * (highest - x) / inFlight : 0)
            + (x < spinAgain ? again : 0);

        Span<double> points = [0, Math.Max(0, lowest), Math.Max(0, highest), length, spinAgain];
        points.Sort();
        var total = 0.0;
        for (var i = 1; i < points.Length; i++)
        {
            var (from, to) = (points[i - 1], points[i]);
            if (to <= from)
            {
                continue;
            }

            // Lambda is linear on (from, to): its values just inside the ends give the exact integral of 1 - exp(-Lambda).
            var epsilon = (to - from) * 1e-9;
            var (a, b) = (Lambda(from + epsilon), Lambda(to - epsilon));
            total += Math.Abs(a - b) < 1e-12
                ? (to - from) * (1 - Math.Exp(-a))
                : (to - from) * (1 - ((Math.Exp(-b) - Math.Exp(-a)) / (a - b)));
        }

        return total;
    }

    /// <summary>A share of <paramref name="count"/>, rounded at random so that it is right on average.</summary>
    private long Share(long count, double share)
    {
        var exact = count * share;
        var whole = Math.Floor(exact);
        return (long)whole + (_random.NextUnit() < exact - whole ? 1 : 0);
    }

    /// <summary>A lookup that spins <paramref name="spin"/> ns until the section's end, on a CPU drawn uniformly from the host's.</summary>
    private void AddSpinner(double spin)
    {
        if (spin > 0)
        {
            _spinners.Add(((int)(_random.NextUnit() * _domainOfCpu.Length), spin));
        }
    }

    /// <summary>
    /// Each hardware thread with spinners spins from its first one to the end of the section and
    /// holds one Shared copy of the line there, however many lookups wait on it.
    /// </summary>
    private void SettleSpinners(ContendedLine line, long end)
    {
        _stamp++;
        foreach (var (cpu, spin) in _spinners)
        {
            Statistics.Spun++;
            Statistics.SpinNs += spin;
            if (_spinStampOfCpu[cpu] != _stamp)
            {
                _spinStampOfCpu[cpu] = _stamp;
                _spinOfCpu[cpu] = 0;
                _copiesOfDomain[_domainOfCpu[cpu]]++;
            }

            _spinOfCpu[cpu] = Math.Max(_spinOfCpu[cpu], spin);
        }

        foreach (var (cpu, _) in _spinners)
        {
            if (_spinStampOfCpu[cpu] == _stamp)
            {
                Statistics.SpinCpuNs += _spinOfCpu[cpu];
                _spinStampOfCpu[cpu] = 0;
                _share.AddSpin(cpu, _spinOfCpu[cpu], end);
            }
        }

        for (var domain = 0; domain < _copiesOfDomain.Length; domain++)
        {
            line.AddSharedCopies(domain, _copiesOfDomain[domain]);
            _copiesOfDomain[domain] = 0;
        }
    }

    public double BackgroundShare(int cpu, long now) => _share.Of(cpu, now);

    /// <summary>True while closed-form loops' section batches cover the time (between <see cref="CoverFrom"/> and the last <see cref="CoveredUntil"/>).</summary>
    public bool Covering { get; set; }

    /// <summary>
    /// Time a thread's section held the loops up, <paramref name="ns"/>: their batches do not cover it, the section does.
    /// </summary>
    public void RemoveCoverage(double ns) => _coveredTwiceNs = Math.Max(0, _coveredTwiceNs - ns);

    /// <summary>
    /// Closed-form loops' write sections take over the accounting from <paramref name="time"/>: the lookups up to
    /// then walk undisturbed (those the last section released included); from then on <see cref="OnSectionBatch"/>
    /// accounts the time the loops' sections and the gaps before them cover.
    /// </summary>
    public void CoverFrom(long time)
    {
        ReleaseUndisturbed();
        AccountQuietStretch(time, inFlight: 0);
    }

    /// <summary>
    /// The lookups up to <paramref name="time"/> are accounted by section batches (the loops' last section ended
    /// then): a write section after it finds the lookups since then in flight, not the ones before.
    /// </summary>
    public void CoveredUntil(long time)
    {
        if (time > _accountedUntil)
        {
            ReleaseUndisturbed();
            _accountedUntil = time;
        }
    }

    /// <summary>
    /// Settles <paramref name="batch"/>'s sections in closed form, up to <paramref name="at"/>, as
    /// <see cref="OnWriteSection"/> would one by one: lookups arriving during a section spin to its end (their
    /// arrival uniform in it) and, when the next section starts within a walk of its end, restart in ref-walk
    /// mode and spin again; those in flight when a section starts restart and spin while it lasts; the rest of
    /// each gap walks undisturbed. Counts are drawn; latencies go to the histogram in equal-probability strata.
    /// </summary>
    public void OnSectionBatch(in SectionBatch batch, long at)
    {
        if (batch.Count <= 0)
        {
            return;
        }

        var walk = _parameters.WalkNs;
        var penalty = _parameters.RefWalkPenaltyNs;
        var length = batch.LengthNs;
        var arrivals = Count(_perNs * length * batch.Count);
        var overtaken = Share(arrivals, batch.OvertakenShare);
        Statistics.Spun += arrivals;
        Statistics.SpinNs += arrivals * length / 2;
        RecordUniform(walk, length, arrivals - overtaken);
        RecordUniform(walk + penalty + batch.SpinAgainNs, length, overtaken);
        Statistics.Restarts += overtaken;
        if (batch.SpinAgainNs > 0)
        {
            Statistics.Spun += overtaken;
            Statistics.SpinNs += overtaken * batch.SpinAgainNs;
        }

        // A thread's section that came meanwhile covered part of the gaps already: the quiet part first, then the rest.
        var quiet = batch.QuietNs * batch.Count;
        var inFlightTotal = batch.InFlightNs * batch.Count;
        var twiceQuiet = Math.Min(_coveredTwiceNs, quiet);
        var twiceInFlight = Math.Min(_coveredTwiceNs - twiceQuiet, inFlightTotal);
        _coveredTwiceNs -= twiceQuiet + twiceInFlight;

        // Restarted in flight: noticed a walk after starting, up to inFlight before the section: spin L - walk + U inFlight, if positive.
        var restarted = Count(_perNs * (inFlightTotal - twiceInFlight));
        Statistics.Restarts += restarted;
        var lowest = length - walk;
        var highest = lowest + batch.InFlightNs;
        var spinning = highest <= 0 ? 0 : lowest >= 0 ? restarted : Share(restarted, highest / batch.InFlightNs);
        var from = Math.Max(0, lowest);
        Statistics.Latency.Record(walk + penalty, restarted - spinning);
        RecordUniform(walk + penalty + from, highest - from, spinning);
        Statistics.Spun += spinning;
        Statistics.SpinNs += spinning * (from + highest) / 2;

        Statistics.Latency.Record(walk, Count(_perNs * (quiet - twiceQuiet)));

        var perCpu = batch.Count * SpinPerCpu(batch);
        Statistics.SpinCpuNs += perCpu * _domainOfCpu.Length;
        _pendingSpinPerCpu += perCpu;
        if (at - _pendingSince >= _flushEveryNs)
        {
            for (var cpu = 0; cpu < _domainOfCpu.Length; cpu++)
            {
                _share.AddSpin(cpu, _pendingSpinPerCpu, at);
            }

            _pendingSpinPerCpu = 0;
            _pendingSince = at;
        }
    }

    /// <summary>
    /// Lookups from the last accounted moment up to <paramref name="until"/>; those in the last
    /// <paramref name="inFlight"/> ns are still walking then and are returned (counted as restarts),
    /// the others walk undisturbed.
    /// </summary>
    private int AccountQuietStretch(long until, double inFlight)
    {
        var gap = until - _accountedUntil;
        if (gap <= 0)
        {
            return 0;
        }

        var restarted = Count(_perNs * inFlight);
        Statistics.Restarts += restarted;
        Statistics.Latency.Record(_parameters.WalkNs, Count(_perNs * (gap - inFlight)));
        _accountedUntil = until;
        return restarted;
    }

    private int Count(double mean) => mean <= 0 ? 0 : Poisson.Sample(_random, mean);
}
