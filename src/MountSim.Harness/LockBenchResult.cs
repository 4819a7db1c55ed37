namespace MountSim.Calibration.Harness;

/// <summary>What one thread count of <see cref="GlobalLockBench"/> achieved.</summary>
public sealed record LockBenchResult(int Threads, long Acquisitions, TimeSpan Elapsed)
{
    /// <summary>Wall time over all acquisitions: with one lock, the mean time one critical section holds the whole machine.</summary>
    public double NsPerCriticalSection => Acquisitions == 0 ? double.PositiveInfinity : Elapsed.TotalNanoseconds / Acquisitions;

    public double AcquisitionsPerSecond => Acquisitions / Elapsed.TotalSeconds;
}
