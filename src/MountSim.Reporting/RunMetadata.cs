using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>
/// What <c>metadata.json</c> records about how an experiment (or a sensitivity study) was run: where, when, how; the
/// one file of a results folder that differs between two runs of one file. <see cref="Shard"/> is <c>K/N</c> in a
/// shard's folder; <see cref="MergedFrom"/> lists the shards' folders a merged one was made from.
/// </summary>
public sealed record RunMetadata(
    string Experiment,
    string MountsimVersion,
    string? GitCommit,
    string Machine,
    string OperatingSystem,
    int ProcessorCount,
    string Runtime,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    ulong Seed,
    int Replications,
    int Configurations,
    int Runs,
    int Jobs,
    int RunsResumed,
    string? Shard,
    IReadOnlyList<string> MergedFrom)
{
    /// <summary>This machine and program, for the work <paramref name="name"/> read from <paramref name="file"/>; the counts are left 0 for the caller to set.</summary>
    public static RunMetadata Of(string name, string file, ulong seed, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(
            name,
            Provenance.Version,
            Provenance.GitCommit(file),
            Environment.MachineName,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Environment.ProcessorCount,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            started,
            null,
            seed,
            0,
            0,
            0,
            0,
            0,
            null,
            []);
    }

    /// <summary>The file's text: indented JSON, snake_case names.</summary>
    public string ToJson() => MetadataJson.Of(this);
}
