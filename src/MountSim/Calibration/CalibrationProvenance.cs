using System.Globalization;
using MountSim.Hardware;

namespace MountSim.Calibration;

/// <summary>The files a calibration read and the day it ran: every fitted or measured figure cites them.</summary>
public sealed record CalibrationProvenance(IReadOnlyList<string> MeasurementFiles, IReadOnlyList<string> PathWalkFiles, string? NoiseFile, DateOnly Date)
{
    private string Day => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The source of every fitted figure.</summary>
    public string Fitted => $"fitted by mountsim calibrate to {string.Join(", ", MeasurementFiles)} on {Day}";

    /// <summary>The source of the measured path walk.</summary>
    public string PathWalk => $"measured by mountsim calibrate from {string.Join(", ", PathWalkFiles)} on {Day}";

    /// <summary>The source of the measured noise.</summary>
    public string Noise(HostNoise noise) =>
        string.Create(CultureInfo.InvariantCulture, $"measured by mountsim harness noise: {NoiseFile}, read on {Day} ({noise.DetoursPerSecond:F0} detours/s, mean {Text.Durations.Format(noise.Detours.Mean)})");
}
