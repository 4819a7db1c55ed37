using System.Text.Json;
using System.Text.Json.Serialization;

namespace MountSim.Reporting;

/// <summary>
/// <c>shard.json</c>, what marks a shard's folder: shard <see cref="Shard"/> of <see cref="Shards"/> of the experiment
/// or plan (<see cref="Kind"/>) whose text hashes to <see cref="Identity"/>, so <c>mountsim merge</c> never mixes
/// shards of different files, of two versions of one file, or of an experiment and a plan. <see cref="Count"/> is
/// what was split: the experiment's runs, or the plan's candidates. <see cref="File"/> is where the file was read,
/// so the merge finds files it names by relative path where the shard did.
/// </summary>
public sealed record ShardRecord(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("identity")] string Identity,
    [property: JsonPropertyName("shard")] int Shard,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("count")] int Count)
{
    public const string ExperimentKind = "experiment";
    public const string PlanKind = "plan";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The <c>mountsim</c> command that runs a shard of this kind.</summary>
    [JsonIgnore]
    public string Command => Kind == PlanKind ? "plan" : "run";

    /// <summary>What the shards split, in words.</summary>
    [JsonIgnore]
    public string Members => Kind == PlanKind ? "candidates" : "runs";

    /// <summary>The manifest's kind of a shard's folder of this kind.</summary>
    [JsonIgnore]
    public string FolderKind => Kind == PlanKind ? PlanFolder.ShardKind : ResultsFolder.ShardKind;

    /// <summary>The shard's copy of the file it ran.</summary>
    [JsonIgnore]
    public string TextFile => Kind == PlanKind ? PlanFolder.PlanFile : ResultsFolder.ExperimentFile;

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>The record in <paramref name="text"/>, or null when it is not one (cut short, edited, or another file).</summary>
    public static ShardRecord? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ShardRecord>(text) is { Kind: ExperimentKind or PlanKind, Name: not null, File: not null, Identity: not null } record
                && record.Shards >= 1 && record.Shard >= 0 && record.Shard < record.Shards && record.Count >= 0
                ? record
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
