namespace MountSim.Benchmarking;

/// <summary>The spinlock the lock benchmark's threads contend for.</summary>
public enum LockBenchLockKind
{
    /// <summary>The kernel's queued spinlock: FIFO MCS handoff, a few line transfers per handoff (<see cref="Kernel.MountLock"/>).</summary>
    Qspinlock,

    /// <summary>A ticket lock: every waiter spins on the one line (<see cref="Kernel.TicketSpinlock"/>).</summary>
    Ticket,
}
