using MountSim.Hardware;
using MountSim.Kernel.Profiles;

namespace MountSim.Calibration;

/// <summary>
/// A host's calibration as one service: what the harness measured directly (the idle path walk, the host's
/// noise) goes into the profile and topology as measured, then the kernel's costs are fitted
/// (<see cref="Calibrator"/>), then, with a runtime, the runtime's phases (<see cref="RuntimeCostFit"/>).
/// </summary>
public static class HostCalibration
{
    /// <summary>Fits <paramref name="request"/>; the fitted profiles are named <paramref name="profileName"/> and <paramref name="runtimeName"/>.</summary>
    public static HostCalibrationResult Fit(HostCalibrationRequest request, CalibrationOptions options, string profileName, string runtimeName)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var (host, start, provenance) = (request.Host, request.Start, request.Provenance);

        // A lookup's cost and the host's noise are measured, not fitted: the fit starts from them.
        var measuredWalk = Calibrator.WithMeasuredPathWalk(start, request.PathWalks, provenance.PathWalk);
        var measuredHost = request.Noise is { } noise ? host.Topology.WithNoise(noise, provenance.Noise(noise)) : host.Topology;
        var kernel = Calibrator.Fit(host.Measurements, measuredWalk?.Profile ?? start, measuredHost, provenance.Fitted, options);
        var profile = kernel.Profile.Renamed(profileName, $"{start.Name} fitted to {host.Measurements.Host.Kernel} on {host.Topology.Name} ({host.Measurements.Host.Cpus} CPUs): {provenance.Fitted}.");
        RuntimeFitResult? runtime = null;
        if (request.Runtime is { } runtimeStart)
        {
            var fit = RuntimeCostFit.Fit([.. host.Measurements.ForFitting], profile, runtimeStart, measuredHost, options.Seed, provenance.Fitted);
            runtime = fit with { Runtime = fit.Runtime with { Name = runtimeName, Description = $"{runtimeStart.Name} fitted on {host.Topology.Name}: {runtimeStart.Description}" } };
        }

        return new HostCalibrationResult(request, kernel, profile, measuredWalk?.PathWalkNs, measuredHost, runtime);
    }
}
