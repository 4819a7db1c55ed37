namespace MountSim.Calibration.Harness;

/// <summary>One strategy at one layer count and thread count.</summary>
/// <param name="Cpus">The CPU each worker thread was pinned to, in worker order.</param>
/// <param name="DurationS">Wall time from the workers' common start until the last one finished.</param>
/// <param name="SyscallLatencyUs">Per call, by name: open_tree_clone, mount_setattr_idmap, move_mount, overlay_mount, umount_detach, umount_overlay, close, fsopen, fsconfig_lowerdir, ...</param>
/// <param name="PathWalkIdleUs">stat() through a mountpoint before the workers start.</param>
/// <param name="PathWalkChurnUs">The same while the workers mount and unmount.</param>
/// <param name="Mountinfo">Present when the mountinfo reader ran.</param>
/// <param name="TreeEntries">Files and directories in the merged tree of the correctness check.</param>
/// <param name="TreeDigest">SHA-256 of that tree's listing: equal digests, equal trees.</param>
/// <param name="SetupLatencyUs">Each setup's latency: with a runtime, the whole container start (root mounts, runc's phases, teardown); in a burst, from the round's release.</param>
/// <param name="Runtime">What ran on each root: <c>none</c> or <c>runc</c>. With runc, <paramref name="SyscallLatencyUs"/> also has its phases: <c>runc_create</c>, <c>runc_start</c>, <c>container_run</c>, <c>runc_delete</c>, and <c>rootfs_mounts</c> (the root's mounts and unmount without the container between them).</param>
/// <param name="Burst">Whether the workers started together each round (one start each), unpinned.</param>
/// <param name="MountinfoLines">Lines in the private namespace's mountinfo before the timed setups: the table a container's namespace copies.</param>
/// <param name="GcCollections">The harness's own garbage collections while setups were timed (see <c>NoCollections</c> in the harness): 0 unless the run outgrew the no-GC region, whose pauses then sit in some timings.</param>
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
    string TreeDigest,
    int GcCollections = 0,
    string Runtime = "none",
    bool Burst = false,
    int MountinfoLines = 0);
