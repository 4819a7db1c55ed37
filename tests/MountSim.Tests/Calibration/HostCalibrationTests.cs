using MountSim.Calibration;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Hardware;

namespace MountSim.Tests.Calibration;

/// <summary>The calibration service <c>calibrate</c> and <c>calibrate-host</c> share: read, measure directly, fit.</summary>
public sealed class HostCalibrationTests : IDisposable
{
    private static readonly KernelProfile Shipped = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    private static readonly DateOnly Day = new(2026, 12, 4);

    private readonly string _directory = Directory.CreateTempSubdirectory("mountsim-host-calibration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Save(string name, params MeasuredConfiguration[] configurations)
    {
        var path = Path.Combine(_directory, name);
        MeasurementsJson.Save(new Measurements(new MeasuredHost("6.17.0", 48, "aws-m7a.24xlarge"), configurations), path);
        return path;
    }

    private static MeasuredConfiguration Setup(string id, string strategy, bool fit, double p50Us, double? walkUs = null) => new(
        id, strategy, 4, 1, 2, fit, new LatencySummary(p50Us, p50Us * 1.1, p50Us * 1.02, 2), new Dictionary<string, LatencySummary>(),
        walkUs is { } walk ? new LatencySummary(walk, walk * 2, walk, 100) : null);

    [Fact]
    public void WhatWasMeasuredDirectlyGoesInAsMeasuredAndEveryFigureCitesItsFiles()
    {
        var measurements = Save("fit.json", Setup("pl-4x1", "per-layer", true, 400), Setup("cp-4x1", "common-parent", true, 300));
        var walks = Save("walks.json", Setup("probe", "per-layer", false, 400, walkUs: 1.7));
        var noise = HostNoise.Create(1_000, [10_000, 20_000]);

        var request = HostCalibrationRequest.Load([measurements], null, ShippedTopologies.Library, Shipped, [walks], (noise, "/somewhere/noise.json"), null, Day);
        var calibration = HostCalibration.Fit(request, new CalibrationOptions(MaxIterations: 20), "fitted", "unused");

        Assert.Equal("fitted", calibration.Profile.Name);
        Assert.Equal(1_700, calibration.MeasuredPathWalkNs!.Value, precision: 6);
        Assert.Equal(1_700, calibration.Profile.Parameters.PathWalkNs, precision: 6);
        Assert.StartsWith("measured by mountsim calibrate from walks.json on 2026-12-04", calibration.Profile.ParameterList.Single(p => p.Key == "path_walk").Source, StringComparison.Ordinal);
        Assert.Equal(noise, calibration.MeasuredHost.Noise);
        Assert.Equal(noise, calibration.Topology.Noise);
        Assert.Contains("fitted by mountsim calibrate to fit.json on 2026-12-04", calibration.Profile.Description, StringComparison.Ordinal);
        Assert.Null(calibration.Runtime);
        Assert.Contains("noise: 1000 detours/s", MountSim.Calibration.Export.CalibrationText.Write(calibration), StringComparison.Ordinal);
    }

    [Fact]
    public void ARequestWithNothingOfTheKernelAloneToFitIsRefusedBeforeAnythingIsSimulated()
    {
        var measurements = Save("held-out.json", Setup("pl-4x1", "per-layer", false, 400));

        var refused = Assert.Throws<ArgumentException>(() => HostCalibrationRequest.Load([measurements], null, ShippedTopologies.Library, Shipped, [], null, null, Day));

        Assert.Contains("no configuration of the kernel's work alone", refused.Message, StringComparison.Ordinal);
    }
}
