namespace MountSim.Hardware;

/// <summary>How Linux numbers the hardware threads of a regular layout.</summary>
public enum CpuNumbering
{
    /// <summary>
    /// All first threads, socket by socket, then all second threads: siblings are n and n + total/2
    /// (x86 servers, which enumerate one thread per core first).
    /// </summary>
    SmtLast,

    /// <summary>Siblings are adjacent: 2k and 2k + 1 (some ARM and POWER hosts, some VMs).</summary>
    SmtAdjacent,
}
