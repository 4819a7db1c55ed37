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
    }

    public PathWalkStatistics Statistics { get; } = new();

    public void OnSequenceOdd(long at)
    {
    }

    public void OnWriteSection(long start, long end, ContendedLine line)
    {
        var length = end - start;
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
        foreach (var spin in _released)
        {
            Statistics.Latency.Record(_parameters.WalkNs + spin);
        }

        _released.Clear();
        AccountQuietStretch(now, inFlight: 0);
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
