using MountSim.Hardware.Coherence;

namespace MountSim.Kernel;

/// <summary>
/// The readers of the mount_lock sequence that are not simulated one by one: every path lookup
/// samples the sequence in <c>path_init</c> and spins while it is odd. At the end of each write
/// section they get their say, before the writer's store that makes the sequence even.
/// </summary>
public interface ISequenceReaders
{
    /// <summary>A writer makes the sequence odd at <paramref name="at"/> (ns, now or just ahead): lookups starting from then on spin.</summary>
    void OnSequenceOdd(long at);

    /// <summary>
    /// The sequence was odd from <paramref name="start"/> to <paramref name="end"/> (ns): add the
    /// Shared copies of the readers spinning at the end to <paramref name="line"/>, whose
    /// invalidation the writer is about to pay for.
    /// </summary>
    void OnWriteSection(long start, long end, ContendedLine line);
}
