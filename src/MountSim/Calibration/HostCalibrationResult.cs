using System.Globalization;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;

namespace MountSim.Calibration;

/// <summary>What <see cref="HostCalibration"/> gives.</summary>
/// <param name="Request">What was fitted.</param>
/// <param name="Kernel">The kernel fit: every parameter from start to fitted, the errors left, the measured host with its fitted SMT slowdown.</param>
/// <param name="Profile">The fitted kernel profile, named and described.</param>
/// <param name="MeasuredPathWalkNs">The path walk the probes measured; null when no file had probes.</param>
/// <param name="MeasuredHost">The topology the fit simulated: the host with its measured noise.</param>
/// <param name="Runtime">The runtime's fit, when the request had a runtime.</param>
public sealed record HostCalibrationResult(
    HostCalibrationRequest Request,
    CalibrationResult Kernel,
    KernelProfile Profile,
    double? MeasuredPathWalkNs,
    Topology MeasuredHost,
    RuntimeFitResult? Runtime)
{
    /// <summary>The measured host as the fit learned it, to simulate the held-out runs on.</summary>
    public Topology Topology => Kernel.Topology;

    /// <summary>What the topology file written from <see cref="Topology"/> says about itself.</summary>
    public string TopologyDescription =>
        $"{Request.Host.Topology.Name} as measured; smt_slowdown {Topology.SmtSlowdown.ToString(CultureInfo.InvariantCulture)}: {Topology.SourceOf("smt_slowdown") ?? "as given"}";
}
