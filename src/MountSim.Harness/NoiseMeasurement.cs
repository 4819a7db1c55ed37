using System.Text.Json.Serialization;
using MountSim.Hardware;

namespace MountSim.Calibration.Harness;

/// <summary>
/// What <c>mountsim harness noise</c> measured (see <see cref="SelfishDetour"/>), as written to its JSON
/// file (snake_case, see <see cref="NoiseMeasurementJson"/>): per CPU, and pooled over all of them.
/// </summary>
/// <param name="DetoursPerSecond">All detours over all CPUs' running seconds; 0 when no CPU had a detour.</param>
/// <param name="DetourNs">
/// Pooled detour lengths at probabilities (i + 0.5) / <see cref="Quantiles"/>, each equally likely; when no
/// CPU had a detour, the threshold alone (HostNoise needs a length, and none would be drawn at rate 0).
/// </param>
public sealed record NoiseMeasurement(HarnessHost Host, NoiseSettings Options, IReadOnlyList<CpuNoise> Cpus, double DetoursPerSecond, IReadOnlyList<double> DetourNs)
{
    public const string SchemaName = "mountsim-noise/1";

    /// <summary>How many pooled detour lengths are kept.</summary>
    public const int Quantiles = 64;

    /// <summary>Which file this is; written first so a reader can tell a noise file from another.</summary>
    [JsonPropertyOrder(-1)]
    public string Schema => SchemaName;

    /// <summary>The measured noise, for a hardware description.</summary>
    public HostNoise ToHostNoise() => HostNoise.Create(DetoursPerSecond, DetourNs);
}
