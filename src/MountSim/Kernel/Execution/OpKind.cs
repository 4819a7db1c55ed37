namespace MountSim.Kernel.Execution;

/// <summary>What a kernel thread does next: a flat form of the recipe steps, lock sections opened and closed explicitly.</summary>
public enum OpKind : byte
{
    /// <summary>Work that holds the CPU for <see cref="Op.Ns"/> (slower while the SMT sibling is busy).</summary>
    Cpu,

    /// <summary>Work of <see cref="Op.Ns"/> per round of the run-time count <see cref="Op.Variable"/> (a walk over every mount).</summary>
    CpuPerRound,

    /// <summary>The syscall's own path lookup: spins in path_init while the mount_lock sequence is odd, then walks (<see cref="Op.Ns"/>; none for an empty path).</summary>
    PathWalk,

    /// <summary>An O(nr_possible_cpus) sum of per-CPU counters; <see cref="Op.Ns"/> is its whole cost.</summary>
    PercpuSum,

    /// <summary>A new mount's id from the global allocator: one request for its lock line, then <see cref="Op.Ns"/>.</summary>
    MntIdAlloc,

    /// <summary>touch_mnt_namespace: the event count and the pollers' wake-up, <see cref="Op.Ns"/>.</summary>
    MountinfoEvent,

    NamespaceWriteLock,
    NamespaceWriteUnlock,
    NamespaceReadLock,
    NamespaceReadUnlock,
    MountLockWrite,
    MountLockExclusive,
    MountLockUnlock,

    /// <summary>synchronize_rcu_expedited: sleep until a grace period that starts now has ended.</summary>
    RcuGracePeriod,

    /// <summary>The host mount table gains or loses <see cref="Op.Value"/> mounts, and mountinfo <see cref="Op.Ns"/> bytes (their lines).</summary>
    MountTable,

    /// <summary>A namespace that receives the runtime's tree's propagation begins (+1) or ends (-1), <see cref="Op.Value"/>.</summary>
    SlaveNamespace,

    /// <summary>As <see cref="MountTable"/>, while a pass undoes its temporary mount: counted apart, as the incident's arithmetic does.</summary>
    TeardownMountTable,

    /// <summary>A syscall starts: <see cref="Op.Value"/> indexes the program's syscall names.</summary>
    SyscallBegin,

    /// <summary>
    /// The runtime's own work in userspace (the syscall in progress, if any, has returned): <see cref="Op.Ns"/>,
    /// per round of <see cref="Op.Variable"/> when that is not fixed. Preemptible: it runs a time slice at a
    /// time, and gives its CPU up between slices to a thread waiting for it, as the scheduler's tick makes it.
    /// </summary>
    UserspaceCpu,

    /// <summary>A phase of the runtime starts (and the one before ends): <see cref="Op.Value"/> indexes the program's phase names.</summary>
    PhaseBegin,

    /// <summary>
    /// Opens a loop whose count is known only when it runs (<see cref="Op.Variable"/>: the reads
    /// the mount table needs now, the namespaces a mount propagates to now);
    /// <see cref="Op.Value"/> is the index just past its <see cref="RepeatEnd"/>.
    /// </summary>
    RepeatBegin,

    /// <summary>Closes the loop: back to the operation after its begin (<see cref="Op.Value"/>) while rounds remain.</summary>
    RepeatEnd,

    /// <summary>
    /// Opens a loop as <see cref="RepeatBegin"/> does, whose round is all short steps (work, new mounts' ids,
    /// mount_lock sections around work: <see cref="ThreadProgram.LoopAt"/>), so that the kernel may run its rounds
    /// in closed form (<see cref="Loops.MountLoopMode"/>) instead of one by one.
    /// </summary>
    MountLoop,

    /// <summary>One read() worth of mountinfo lines, formatted under namespace_sem read.</summary>
    MountinfoLines,

    /// <summary>
    /// Lines whose path a mount_lock write section overtook while they were formatted are formatted
    /// again under the spinlock (d_path's read_seqbegin_or_lock falls back to read_seqlock_excl):
    /// as many as sections started, at most the buffer's lines; <see cref="Op.Value"/> is the index
    /// just past <see cref="LineRetryEnd"/>.
    /// </summary>
    LineRetryBegin,

    /// <summary>One line formatted again, inside the retry's exclusive mount_lock section.</summary>
    LineRetry,

    /// <summary>Back to the operation after <see cref="LineRetryBegin"/> (<see cref="Op.Value"/>) while retries remain.</summary>
    LineRetryEnd,
}
