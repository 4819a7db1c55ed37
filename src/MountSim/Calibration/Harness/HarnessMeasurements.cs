namespace MountSim.Calibration.Harness;

/// <summary>
/// What <c>mountsim harness run</c> measured on a real kernel, as written to its JSON file (snake_case
/// names; see <see cref="HarnessMeasurementsJson"/>). Times are microseconds.
/// </summary>
/// <param name="MergedTreesIdentical">Every strategy showed the same merged tree (paths, owners, modes, sizes, contents).</param>
/// <param name="OwnershipShifted">Owners in the merged tree were the on-disk ones shifted by the id map (0 → 100000, 1000 → 101000).</param>
/// <param name="CheckFailures">What the correctness check found wrong, in words; empty when both verdicts hold.</param>
public sealed record HarnessMeasurements(
    int SchemaVersion,
    HarnessHost Host,
    HarnessSettings Options,
    bool MergedTreesIdentical,
    bool OwnershipShifted,
    IReadOnlyList<string> CheckFailures,
    IReadOnlyList<HarnessConfiguration> Configurations)
{
    public const int CurrentSchemaVersion = 1;
}

/// <summary>The machine measured: kernel and detected topology.</summary>
public sealed record HarnessHost(string Kernel, string? CpuModel, int Sockets, int LlcDomains, int Cores, int Threads, string Cpus);

/// <summary>The options the run used.</summary>
/// <param name="IdMap">The user namespace's uid/gid map line, e.g. <c>0 100000 65536</c>.</param>
public sealed record HarnessSettings(
    IReadOnlyList<string> Strategies,
    int Layers,
    int Threads,
    string Placement,
    int Iterations,
    string Filesystem,
    int Probes,
    bool MountinfoReader,
    string IdMap);

/// <summary>One strategy at one layer count and thread count.</summary>
/// <param name="Cpus">The CPU each worker thread was pinned to, in worker order.</param>
/// <param name="DurationS">Wall time from the workers' common start until the last one finished.</param>
/// <param name="SyscallLatencyUs">Per call, by name: open_tree_clone, mount_setattr_idmap, move_mount, overlay_mount, umount_detach, umount_overlay, close, fsopen, fsconfig_lowerdir, ...</param>
/// <param name="PathWalkIdleUs">stat() through a mountpoint before the workers start.</param>
/// <param name="PathWalkChurnUs">The same while the workers mount and unmount.</param>
/// <param name="Mountinfo">Present when the mountinfo reader ran.</param>
/// <param name="TreeEntries">Files and directories in the merged tree of the correctness check.</param>
/// <param name="TreeDigest">SHA-256 of that tree's listing: equal digests, equal trees.</param>
public sealed record HarnessConfiguration(
    string Strategy,
    int Layers,
    int Threads,
    IReadOnlyList<int> Cpus,
    long Setups,
    double DurationS,
    double SetupsPerSecond,
    LatencyStats SetupLatencyUs,
    IReadOnlyDictionary<string, LatencyStats> SyscallLatencyUs,
    LatencyStats PathWalkIdleUs,
    LatencyStats PathWalkChurnUs,
    MountinfoStats? Mountinfo,
    int TreeEntries,
    string TreeDigest);

/// <summary>Re-reads of /proc/thread-self/mountinfo during the churn: how long a read took against how many lines it returned.</summary>
/// <param name="ReadTimeByLines">Mean read time per line count, ascending by lines.</param>
public sealed record MountinfoStats(LatencyStats ReadUs, LatencyStats Lines, IReadOnlyList<MountinfoReadTime> ReadTimeByLines);

/// <summary>Reads that returned <paramref name="Lines"/> lines: how many, and their mean time.</summary>
public sealed record MountinfoReadTime(int Lines, long Reads, double MeanUs);
