using System.Text.Json;
using System.Text.Json.Serialization;

namespace MountSim.Reporting;

/// <summary>
/// <c>shard.json</c>, what marks a shard's results folder: shard <see cref="Shard"/> of <see cref="Shards"/> of the
/// experiment whose text hashes to <see cref="Identity"/>, so <c>mountsim merge</c> never mixes shards of different
/// files, or of two versions of one file. <see cref="File"/> is where the experiment was read, so the merge finds
/// files it names by relative path where the shard did.
/// </summary>
public sealed record ShardRecord(
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("identity")] string Identity,
    [property: JsonPropertyName("shard")] int Shard,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("run_count")] int RunCount)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>The record in <paramref name="text"/>, or null when it is not one (cut short, edited, or another file).</summary>
    public static ShardRecord? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ShardRecord>(text) is { Experiment: not null, File: not null, Identity: not null } record
                && record.Shards >= 1 && record.Shard >= 0 && record.Shard < record.Shards && record.RunCount >= 0
                ? record
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
