namespace MountSim.Kernel.Loops;

/// <summary>
/// A stretch of one round of a per-mount loop: work outside mount_lock, or a mount_lock section
/// (<see cref="BumpsSequence"/> for a write section, not for read_seqlock_excl) around work, of
/// <see cref="WorkNs"/> as the recipe costs it, with the new mounts it allocates. In the thread's program it is
/// <see cref="OpCount"/> operations from <see cref="FirstOp"/> (counted from the round's first), so that a round
/// can go on one by one from where its closed form stopped.
/// </summary>
public readonly record struct LoopSegment(bool IsSection, bool BumpsSequence, double WorkNs, int Allocations, int FirstOp, int OpCount);
