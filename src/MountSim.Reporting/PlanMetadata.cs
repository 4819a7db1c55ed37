namespace MountSim.Reporting;

/// <summary>
/// What a plan's <c>metadata.json</c> records about how it ran: where, when, how; the one file of a plan's results
/// that differs between two runs of one plan. <see cref="Candidates"/> are those searched here (a shard's, or all);
/// of the <see cref="Simulations"/> their searches made, <see cref="SimulationsRun"/> were run here and
/// <see cref="SimulationsResumed"/> read back from an interrupted attempt. <see cref="Shard"/> is <c>K/N</c> in a
/// shard's folder; <see cref="MergedFrom"/> lists the shards' folders a merged one was made from (it runs none).
/// </summary>
public sealed record PlanMetadata(
    string Plan,
    string MountsimVersion,
    string? GitCommit,
    string Machine,
    string OperatingSystem,
    int ProcessorCount,
    string Runtime,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    ulong Seed,
    IReadOnlyList<int> Candidates,
    int Jobs,
    int Simulations,
    int SimulationsRun,
    int SimulationsResumed,
    string? Shard,
    IReadOnlyList<string> MergedFrom);
