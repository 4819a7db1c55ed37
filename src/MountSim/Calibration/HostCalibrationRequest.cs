using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;

namespace MountSim.Calibration;

/// <summary>
/// What a host calibration fits, read and checked before anything is simulated: the harness's measurements
/// of the host, the profile (and runtime) the fit starts from, and what the harness measured directly
/// rather than for fitting (the idle path walk, the host's noise).
/// </summary>
/// <param name="Host">The measurements and the topology to simulate their host on.</param>
/// <param name="Start">The kernel profile whose recipes the fit keeps and whose costs it starts from.</param>
/// <param name="PathWalks">Configurations whose probes timed stat() through a mountpoint: path_walk is their idle p50, not fitted.</param>
/// <param name="Noise">The host's measured detours, simulated during the fit; null for none.</param>
/// <param name="Runtime">The runtime profile whose phases the files' container starts fit; null to fit the kernel alone.</param>
/// <param name="Provenance">Where each input came from, for the fitted files' sources.</param>
public sealed record HostCalibrationRequest(
    MeasuredHostSet Host,
    KernelProfile Start,
    IReadOnlyList<MeasuredConfiguration> PathWalks,
    HostNoise? Noise,
    RuntimeProfile? Runtime,
    CalibrationProvenance Provenance)
{
    /// <summary>
    /// Reads the measurement and probe files. The host is <paramref name="topology"/> when given, else what
    /// the files name (see <see cref="MeasuredHostSet.Load(IReadOnlyList{string}, string?, TopologyLibrary?)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A file is unreadable or inconsistent, or no configuration of the kernel's work alone is marked for fitting.</exception>
    public static HostCalibrationRequest Load(
        IReadOnlyList<string> measurementFiles,
        string? topology,
        TopologyLibrary? library,
        KernelProfile start,
        IReadOnlyList<string> pathWalkFiles,
        (HostNoise Noise, string File)? noise,
        RuntimeProfile? runtime,
        DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(pathWalkFiles);
        var host = MeasuredHostSet.Load(measurementFiles, topology, library);
        if (!host.Measurements.ForFitting.Any(c => !c.HasRuntime && !c.Burst))
        {
            throw new ArgumentException("no configuration of the kernel's work alone (no runtime, no burst) has fit: true; mark the ones to fit to.", nameof(measurementFiles));
        }

        return new HostCalibrationRequest(
            host,
            start,
            [.. pathWalkFiles.SelectMany(f => MeasurementsJson.Load(f).Configurations)],
            noise?.Noise,
            runtime,
            new CalibrationProvenance([.. measurementFiles.Select(Path.GetFileName).OfType<string>()], [.. pathWalkFiles.Select(Path.GetFileName).OfType<string>()], noise is { File: var file } ? Path.GetFileName(file) : null, date));
    }
}
