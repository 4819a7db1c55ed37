namespace MountSim.Kernel;

/// <summary>
/// The rw_semaphore costs a kernel profile sets (../shared/reference/kernel-mount-locks.md 2.3 and 3): how long a
/// sleeping waiter takes to run again once woken, how long a writer spins on a reader-owned
/// lock, how long the first waiter waits before it claims a handoff, and how many readers one
/// wake-up admits.
/// </summary>
public sealed record RwSemaphoreParameters(
    double WakeupLatencyNs,
    double ReaderOwnedSpinBaseNs = 10_000,
    double ReaderOwnedSpinPerReaderNs = 500,
    double ReaderOwnedSpinCapNs = 25_000,
    double HandoffTimeoutNs = 4_000_000,
    int MaxReadersWakeup = 256)
{
    /// <summary><c>(10 + nr_readers / 2)</c> us, capped: how long a writer spins while readers own the lock.</summary>
    public double ReaderOwnedSpinNs(int readers) =>
        Math.Min(ReaderOwnedSpinCapNs, ReaderOwnedSpinBaseNs + (ReaderOwnedSpinPerReaderNs * readers));
}
