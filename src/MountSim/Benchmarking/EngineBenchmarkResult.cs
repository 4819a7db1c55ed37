namespace MountSim.Benchmarking;

/// <summary>One timed run of the lock-contention model, with its analytic values beside the simulated ones.</summary>
public sealed record EngineBenchmarkResult(
    long Acquisitions,
    long Events,
    double WallSeconds,
    double SimulatedMilliseconds,
    double Utilization,
    double MeanWaitMilliseconds,
    double AllocatedBytesPerAcquisition,
    FiniteSourceQueue Analytic)
{
    public double AcquisitionsPerSecond => Acquisitions / WallSeconds;

    public double EventsPerSecond => Events / WallSeconds;

    public double UtilizationError => (Utilization - Analytic.Utilization) / Analytic.Utilization;

    public double MeanWaitError => (MeanWaitMilliseconds - Analytic.MeanWait) / Analytic.MeanWait;
}
