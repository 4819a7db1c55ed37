namespace MountSim.Reporting;

/// <summary>
/// What <c>metadata.json</c> records about how an experiment was run: where, when, how; the one file of a results
/// folder that differs between two runs of one experiment. <see cref="Shard"/> is <c>K/N</c> in a shard's folder;
/// <see cref="MergedFrom"/> lists the shards' folders a merged one was made from.
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
    IReadOnlyList<string> MergedFrom);
