namespace MountSim.Kernel.Execution;

/// <summary>Where a kernel thread's time goes (../shared/design/MODEL.md section 5).</summary>
public enum ThreadActivity
{
    /// <summary>Ready, waiting in its CPU's run queue.</summary>
    Runnable,

    /// <summary>Running: syscall work, or holding a lock and working inside it.</summary>
    Work,

    /// <summary>Spinning on mount_lock: for the spinlock, or in path_init for an even sequence. Keeps the CPU.</summary>
    SpinMountLock,

    /// <summary>Spinning on namespace_sem (optimistic spinning). Keeps the CPU.</summary>
    SpinNamespaceSem,

    /// <summary>Asleep: on namespace_sem's wait list or in an RCU grace period. Frees the CPU.</summary>
    Sleep,
}
