using System.Text.Json;
using System.Text.Json.Serialization;

namespace MountSim.Files;

/// <summary>
/// What a folder MountSim made holds (<c>manifest.json</c>): which kind of folder it is, what it was made
/// for (an experiment's hash), whether it is finished, and every file MountSim writes there, each listed
/// before it is written. <c>--force</c> removes these files and no others.
/// </summary>
public sealed record FolderManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("identity")] string Identity,
    [property: JsonPropertyName("finished")] bool Finished,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files)
{
    public const string CurrentFormat = "mountsim-folder/1";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static FolderManifest Empty(string kind) => new(CurrentFormat, kind, string.Empty, false, []);

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>The manifest in <paramref name="text"/>, or null when it is not one (cut short, or another format).</summary>
    public static FolderManifest? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<FolderManifest>(text) is { Format: CurrentFormat, Kind: not null, Identity: not null, Files: not null } manifest
                && manifest.Files.All(IsRelativeInside)
                ? manifest
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="file"/> names a file inside the folder: a manifest never sends a removal elsewhere.</summary>
    public static bool IsRelativeInside(string file) =>
        file.Length > 0 && !Path.IsPathRooted(file) && !file.Split('/', '\\').Any(part => part is "" or "." or "..");
}
