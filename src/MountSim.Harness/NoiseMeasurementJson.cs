using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MountSim.Yaml;
using MountSim.Files;

namespace MountSim.Calibration.Harness;

/// <summary>Reads and writes <see cref="NoiseMeasurement"/> as indented snake_case JSON with <c>"schema": "mountsim-noise/1"</c>.</summary>
public static class NoiseMeasurementJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize(NoiseMeasurement measurement) => JsonSerializer.Serialize(measurement, Options);

    public static void Write(NoiseMeasurement measurement, string path) => AtomicFile.Write(path, Serialize(measurement) + "\n");

    /// <exception cref="InputFileException">The file cannot be read, is not a noise file, or a field is missing or wrong; the message names the file and the field.</exception>
    public static NoiseMeasurement Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(InputText.Read(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, 0, 0, string.Empty, $"cannot read the file: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new InputFileException(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? 0) + 1, string.Empty, $"not valid JSON: {e.Message}", e);
        }

        var schema = root is JsonObject top && top["schema"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (schema != NoiseMeasurement.SchemaName)
        {
            throw new InputFileException(
                path,
                0,
                0,
                "schema",
                $"{(schema is null ? "missing" : $"'{schema}'")}; expected \"{NoiseMeasurement.SchemaName}\": not a file written by mountsim harness noise");
        }

        NoiseMeasurement measurement;
        try
        {
            measurement = root.Deserialize<NoiseMeasurement>(Options) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw new InputFileException(path, 0, 0, e.Path is { Length: > 2 } field ? field[2..] : string.Empty, e.Message, e);
        }

        try
        {
            measurement.ToHostNoise();
        }
        catch (ArgumentException e)
        {
            // The field name, not the parameter's, says where the problem is.
            var problem = e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new InputFileException(path, 0, 0, e.ParamName == "detourNs" ? "detour_ns" : "detours_per_second", problem, e);
        }

        return measurement.Cpus.Count > 0 && measurement.Options.Cpus.Count > 0
            ? measurement
            : throw new InputFileException(path, 0, 0, "cpus", "expected at least one measured CPU");
    }
}
