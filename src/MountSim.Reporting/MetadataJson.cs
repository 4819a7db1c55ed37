using System.Text.Json;

namespace MountSim.Reporting;

/// <summary>How every results folder writes its <c>metadata.json</c>: indented JSON with snake_case names.</summary>
internal static class MetadataJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Of<T>(T metadata) => JsonSerializer.Serialize(metadata, Options) + "\n";
}
