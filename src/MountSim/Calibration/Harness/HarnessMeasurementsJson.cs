using System.Text.Json;
using System.Text.Json.Serialization;
using MountSim.Files;

namespace MountSim.Calibration.Harness;

/// <summary>Reads and writes <see cref="HarnessMeasurements"/> as indented snake_case JSON.</summary>
public static class HarnessMeasurementsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(HarnessMeasurements measurements) => JsonSerializer.Serialize(measurements, Options);

    /// <exception cref="JsonException">Not a harness measurements document.</exception>
    public static HarnessMeasurements Deserialize(string json) =>
        JsonSerializer.Deserialize<HarnessMeasurements>(json, Options) ?? throw new JsonException("The document is null, not harness measurements.");

    public static void Write(HarnessMeasurements measurements, string path) => AtomicFile.Write(path, Serialize(measurements) + "\n");

    public static HarnessMeasurements Read(string path) => Deserialize(File.ReadAllText(path));
}
