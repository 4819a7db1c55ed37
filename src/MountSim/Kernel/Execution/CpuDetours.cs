using MountSim.Engine.Random;
using MountSim.Hardware;

namespace MountSim.Kernel.Execution;

/// <summary>
/// A host's noise (<see cref="HostNoise"/>) as it hits work: each hardware thread counts the time it has
/// spent running work and holds the running time at which its next detour comes (exponential gaps at the
/// host's rate: a Poisson process in running time). Work that crosses that point is lengthened by a
/// detour drawn from the measured lengths, as many as it crosses. Each CPU draws from its own stream, so
/// a run is the same whatever else changes.
/// </summary>
public sealed class CpuDetours
{
    private readonly HostNoise _noise;
    private readonly double _meanGapNs;
    private readonly RandomStream[] _random;
    private readonly double[] _ranNs;
    private readonly double[] _nextNs;

    /// <exception cref="ArgumentOutOfRangeException">The host has no detours (a rate of 0 needs no detours at all).</exception>
    public CpuDetours(HostNoise noise, int hardwareThreads, RandomStreams streams)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(streams);
        _noise = noise;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(noise.DetoursPerSecond);
        _meanGapNs = 1e9 / noise.DetoursPerSecond;
        _random = [.. Enumerable.Range(0, hardwareThreads).Select(i => streams.Stream("host-noise", i))];
        _ranNs = new double[hardwareThreads];
        _nextNs = [.. _random.Select(Gap)];
    }

    /// <summary>Detours taken, on all CPUs.</summary>
    public long Count { get; private set; }

    /// <summary>Time the detours took from work, on all CPUs, in ns.</summary>
    public double TotalNs { get; private set; }

    /// <summary>How much longer <paramref name="runningNs"/> of work on <paramref name="hardwareThread"/> takes: the detours it runs into.</summary>
    public double Lengthen(int hardwareThread, double runningNs)
    {
        var ran = _ranNs[hardwareThread] += runningNs;
        var extra = 0.0;
        while (_nextNs[hardwareThread] <= ran)
        {
            var random = _random[hardwareThread];
            extra += _noise.Detours.Sample(random);
            _nextNs[hardwareThread] += Gap(random);
            Count++;
        }

        TotalNs += extra;
        return extra;
    }

    private double Gap(RandomStream random) => _meanGapNs * -Math.Log(1 - random.NextUnit());
}
