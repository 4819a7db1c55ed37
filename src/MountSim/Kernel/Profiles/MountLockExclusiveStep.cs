using System.Collections.Immutable;

namespace MountSim.Kernel.Profiles;

/// <summary><c>mount_lock_excl: [...]</c>: read_seqlock_excl(mount_lock), the spinlock only; the sequence stays even.</summary>
public sealed record MountLockExclusiveStep(ImmutableArray<RecipeStep> Steps) : BlockStep(Steps)
{
    public override string Keyword => "mount_lock_excl";
}
