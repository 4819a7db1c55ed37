using MathNet.Numerics.Distributions;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel.PathWalks;

/// <summary>
/// Background lookups in closed form, settled once per mount_lock write section instead of
/// one event per lookup (MODEL.md section 4). Lookups are Poisson on every hardware thread, so
/// by Poisson splitting each stretch of time and each LLC domain gets an independent count:
/// <list type="bullet">
/// <item>those starting during a write section spin until it ends (their arrival is uniform in
/// it, their CPU uniform in their domain); each CPU with a spinner holds one Shared copy of the
/// line there, which the writer's unlock must invalidate, and spins from its first arrival;</item>
/// <item>those in flight when a section starts (started less than a walk's length before) fail
/// their final sequence check and restart in ref-walk mode;</item>
/// <item>the rest walk undisturbed and are recorded in bulk.</item>
/// </list>
/// Lookups released at the end of a section walk from then on, so a section that starts less
/// than a walk later overtakes them all; their latencies are recorded once that is known.
/// </summary>
public sealed class ClosedFormPathWalks : ISequenceReaders
{
    private readonly PathWalkParameters _parameters;
    private readonly RandomStream _random;
    private readonly double[] _perNsByDomain;
    private readonly int[] _cpusByDomain;
    private readonly double[] _spinOfCpu;
    private readonly long[] _spinStampOfCpu;
    private long _stamp;
    private readonly double _perNs;
    private readonly List<double> _released = [];
    private long _accountedUntil;

    public ClosedFormPathWalks(Topology topology, PathWalkParameters parameters, RandomStream random)
    {
        _parameters = parameters;
        _random = random;
        _cpusByDomain = [.. topology.LlcDomains.Select(d => d.Cores.Sum(c => c.Threads.Count))];
        _perNsByDomain = [.. _cpusByDomain.Select(cpus => cpus * parameters.PerCpuPerNs)];
        _perNs = _perNsByDomain.Sum();
        _spinOfCpu = new double[_cpusByDomain.Max()];
        _spinStampOfCpu = new long[_spinOfCpu.Length];
    }

    public PathWalkStatistics Statistics { get; } = new();

    public void OnSequenceOdd(long at)
    {
    }

    public void OnWriteSection(long start, long end, ContendedLine line)
    {
        RecordReleased(overtaken: start - _accountedUntil < _parameters.WalkNs);
        AccountQuietStretch(start, sectionStarts: true);
        var length = end - start;
        for (var domain = 0; domain < _perNsByDomain.Length; domain++)
        {
            var spinners = Count(_perNsByDomain[domain] * length);
            var spinningCpus = 0;
            _stamp++;
            for (var i = 0; i < spinners; i++)
            {
                var spin = _random.NextUnit() * length;
                var cpu = (int)(_random.NextUnit() * _cpusByDomain[domain]);
                if (_spinStampOfCpu[cpu] != _stamp)
                {
                    _spinStampOfCpu[cpu] = _stamp;
                    _spinOfCpu[cpu] = 0;
                    spinningCpus++;
                }

                _spinOfCpu[cpu] = Math.Max(_spinOfCpu[cpu], spin);
                Statistics.SpinNs += spin;
                _released.Add(spin);
            }

            for (var cpu = 0; spinningCpus > 0 && cpu < _cpusByDomain[domain]; cpu++)
            {
                if (_spinStampOfCpu[cpu] == _stamp)
                {
                    Statistics.SpinCpuNs += _spinOfCpu[cpu];
                }
            }

            line.AddSharedCopies(domain, spinningCpus);
            Statistics.Spun += spinners;
        }

        _accountedUntil = Math.Max(_accountedUntil, end);
    }

    /// <summary>Accounts the lookups of the quiet stretch up to <paramref name="now"/> (call once at the end of a run).</summary>
    public void Flush(long now)
    {
        RecordReleased(overtaken: false);
        AccountQuietStretch(now, sectionStarts: false);
    }

    /// <summary>Records the lookups released by the last section: spin, walk, and a restart when the next section overtook them.</summary>
    private void RecordReleased(bool overtaken)
    {
        var penalty = overtaken ? _parameters.RefWalkPenaltyNs : 0;
        foreach (var spin in _released)
        {
            Statistics.Latency.Record(_parameters.WalkNs + spin + penalty);
        }

        if (overtaken)
        {
            Statistics.Restarts += _released.Count;
        }

        _released.Clear();
    }

    /// <summary>
    /// Lookups from the last accounted moment up to <paramref name="until"/>: undisturbed, except,
    /// when a section starts there, those still walking then, which restart.
    /// </summary>
    private void AccountQuietStretch(long until, bool sectionStarts)
    {
        var gap = until - _accountedUntil;
        if (gap <= 0)
        {
            return;
        }

        var inFlight = sectionStarts ? Math.Min(_parameters.WalkNs, gap) : 0;
        var restarted = Count(_perNs * inFlight);
        Statistics.Restarts += restarted;
        Statistics.Latency.Record(_parameters.WalkNs + _parameters.RefWalkPenaltyNs, restarted);
        Statistics.Latency.Record(_parameters.WalkNs, Count(_perNs * (gap - inFlight)));
        _accountedUntil = until;
    }

    private int Count(double mean) => mean <= 0 ? 0 : Poisson.Sample(_random, mean);
}
