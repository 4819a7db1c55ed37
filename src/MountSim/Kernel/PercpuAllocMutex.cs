using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel;

/// <summary>
/// pcpu_alloc_mutex (mm/percpu.c): every new struct mount's per-CPU counters are carved out of a chunk
/// under this one mutex, whoever holds namespace_sem. Under namespace_sem read the overlay mounts of a
/// batch of woken readers clone their layers side by side, and their allocations queue here.
/// </summary>
/// <remarks>
/// The hold (the chunk's area search) is short and its owner is on a CPU, so a waiter spins
/// (mutex_optimistic_spin on the owner, queued in the OSQ: first come, first served) rather than
/// sleeps: each allocation starts when the line has come over and the one before has left, and
/// holds the mutex for a fixed time. That needs no event of its own.
/// </remarks>
public sealed class PercpuAllocMutex(Topology topology, double holdNs)
{
    private readonly ContendedLine _line = new(topology, "pcpu_alloc_mutex");
    private double _freeAt;

    /// <summary>The area search under the mutex, in ns.</summary>
    public double HoldNs { get; } = holdNs >= 0 ? holdNs : throw new ArgumentOutOfRangeException(nameof(holdNs), holdNs, "A hold cannot be negative.");

    public long Acquisitions { get; private set; }

    /// <summary>Time the allocators spent waiting for an earlier holder to leave, in ns.</summary>
    public double WaitNs { get; private set; }

    /// <summary>Allocations a closed-form loop made, <paramref name="count"/> of them, which waited <paramref name="waitNs"/> in all.</summary>
    public void AllocateInBulk(long count, double waitNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Acquisitions += count;
        WaitNs += waitNs;
    }

    /// <summary>Takes the mutex for <paramref name="thread"/>, asking at <paramref name="now"/>; the time it is released.</summary>
    public double Allocate(double now, int thread)
    {
        var arrived = _line.Write(now, thread);
        var start = Math.Max(arrived, _freeAt);
        WaitNs += start - arrived;
        Acquisitions++;
        _freeAt = start + HoldNs;
        return _freeAt;
    }
}
