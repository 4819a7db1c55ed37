using System.Collections.Immutable;

namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>mount_lock_write: [...]</c>: write_seqlock(mount_lock), i.e. take the spinlock and make the
/// sequence odd, run the inner steps, make it even and release. Path walks spin meanwhile.
/// </summary>
public sealed record MountLockWriteStep(ImmutableArray<RecipeStep> Steps) : BlockStep(Steps)
{
    public override string Keyword => "mount_lock_write";
}
