using System.Collections.Immutable;
using MountSim.Engine.Distributions;

namespace MountSim.Hardware;

/// <summary>
/// Operating-system and hypervisor noise: a running CPU is taken from its thread now and then (the timer
/// tick, interrupts and softirqs, kernel threads, a hypervisor's exits and steal time). Each CPU has
/// <see cref="DetoursPerSecond"/> detours per second of running, at random (a Poisson process in running
/// time), each as long as a draw from <see cref="DetourNs"/>. A detour inside a lock section holds the
/// lock longer: lock-holder preemption. Measured with <c>mountsim harness noise</c> (a selfish-detour
/// loop: a pinned thread reads the clock back to back and every gap above a threshold is a detour).
/// </summary>
/// <param name="DetoursPerSecond">Detours per second of running, per CPU.</param>
/// <param name="DetourNs">Detour lengths in ns, each equally likely (quantiles of the measured ones).</param>
public sealed record HostNoise(double DetoursPerSecond, ImmutableArray<double> DetourNs)
{
    /// <summary>The detour lengths as a distribution to draw from.</summary>
    public EmpiricalDistribution Detours { get; } = new(DetourNs);

    /// <summary>Share of a CPU's time its detours take: rate times mean length (0.01: 1%).</summary>
    public double Share => DetoursPerSecond * Detours.Mean / 1e9;

    /// <exception cref="ArgumentException">A negative or non-finite rate, no detour lengths, or one that is not positive.</exception>
    public static HostNoise Create(double detoursPerSecond, IEnumerable<double> detourNs)
    {
        ArgumentNullException.ThrowIfNull(detourNs);
        ImmutableArray<double> lengths = [.. detourNs];
        if (!double.IsFinite(detoursPerSecond) || detoursPerSecond < 0)
        {
            throw new ArgumentException($"detours_per_second must be a finite number of at least 0, not {detoursPerSecond}.", nameof(detoursPerSecond));
        }

        if (lengths.IsEmpty || lengths.Any(l => !double.IsFinite(l) || l <= 0))
        {
            throw new ArgumentException("detour needs at least one length, each a positive duration.", nameof(detourNs));
        }

        return new HostNoise(detoursPerSecond, lengths);
    }
}
