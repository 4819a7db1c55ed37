namespace MountSim.Kernel.Profiles;

/// <summary>What a repeat count stands for.</summary>
public enum RepeatVariable
{
    /// <summary>A whole number given in the file.</summary>
    Fixed,

    /// <summary><c>layers</c>: the image's layer count, i.e. the overlay's lowerdirs.</summary>
    Layers,

    /// <summary><c>table_reads</c>: read() calls to read the host mount table, ceil(mounts / mountinfo_lines_per_read), at least 1.</summary>
    TableReads,

    /// <summary>
    /// <c>peers</c>: the mount namespaces a mount on the runtime's target directory propagates to
    /// (propagate_mnt: one copy per peer or slave), zero when the target is private.
    /// </summary>
    Peers,

    /// <summary>
    /// <c>mounts</c>: the mounts in the host's table now, i.e. what a copy of its namespace holds
    /// (copy_mnt_ns copies every one; detaching the copied tree releases every one).
    /// </summary>
    Mounts,

    /// <summary>
    /// <c>threads</c>: the threads on the host now, every process's (pivot_root's chroot_fs_refs walks
    /// each with for_each_process_thread).
    /// </summary>
    Threads,
}
