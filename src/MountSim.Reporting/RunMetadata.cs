namespace MountSim.Reporting;

/// <summary>What <c>metadata.json</c> records about how an experiment was run.</summary>
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
    int RunsResumed);
