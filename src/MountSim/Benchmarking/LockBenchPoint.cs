namespace MountSim.Benchmarking;

/// <summary>The lock benchmark at one thread count.</summary>
/// <param name="Threads">Threads contending.</param>
/// <param name="NsPerCriticalSection">Simulated time over acquisitions: the benchmark's figure.</param>
/// <param name="SimulatedNs">Simulated time of the run.</param>
/// <param name="Acquisitions">Critical sections run.</param>
public sealed record LockBenchPoint(int Threads, double NsPerCriticalSection, double SimulatedNs, long Acquisitions)
{
    public double AcquisitionsPerSecond => Acquisitions / SimulatedNs * 1e9;
}
