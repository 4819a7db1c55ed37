namespace MountSim.Hardware;

/// <summary>
/// How far apart two hardware threads are, for the cost of moving a cache line between them.
/// Ordered from nearest to farthest, so a larger value never means a cheaper transfer class.
/// </summary>
public enum DistanceClass : byte
{
    /// <summary>The same hardware thread: the line is already in its L1.</summary>
    Self,

    /// <summary>Two threads of one core: they share L1 and L2.</summary>
    SmtSibling,

    /// <summary>Two cores that share the last-level cache (an Intel socket, an AMD CCX).</summary>
    SameLlc,

    /// <summary>Same socket, different LLC domains (AMD CCX to CCX, through the I/O die).</summary>
    SameSocket,

    /// <summary>Different sockets (UPI, Infinity Fabric between packages).</summary>
    CrossSocket,
}
