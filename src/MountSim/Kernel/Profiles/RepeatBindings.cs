namespace MountSim.Kernel.Profiles;

/// <summary>
/// The values of the repeat variables for one syscall: the image's layers, the read() calls a full
/// mountinfo read takes, the namespaces a mount propagates to (none unless the target is shared),
/// the mounts in the host's table and the threads on the host.
/// </summary>
public readonly record struct RepeatBindings(int Layers, int TableReads, int Peers = 0, int Mounts = 0, int Threads = 0)
{
    /// <summary>Bindings for a host table of <paramref name="mounts"/> lines read <paramref name="linesPerRead"/> at a time, on a host running <paramref name="threads"/> threads.</summary>
    public static RepeatBindings For(int layers, int mounts, int linesPerRead, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        ArgumentOutOfRangeException.ThrowIfNegative(mounts);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerRead, 1);
        return new(layers, Math.Max(1, (mounts + linesPerRead - 1) / linesPerRead), Mounts: mounts, Threads: threads);
    }
}
