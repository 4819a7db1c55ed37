namespace MountSim.Kernel.Loops;

/// <summary>What a closed-form loop's round does in one stretch of its timeline.</summary>
public enum RoundEntry
{
    /// <summary>Work outside mount_lock (allocations and waits for anything but the lock included).</summary>
    Work,

    /// <summary>Waiting for mount_lock: the sampled wait before a section.</summary>
    Wait,

    /// <summary>Holding mount_lock: a section.</summary>
    Hold,
}
