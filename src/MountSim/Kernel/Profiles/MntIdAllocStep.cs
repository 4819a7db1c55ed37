namespace MountSim.Kernel.Profiles;

/// <summary><c>mntid_alloc</c>: a new struct mount's id (xa_lock) and per-CPU counters (pcpu_alloc_mutex); cost <c>mntid_alloc</c>.</summary>
public sealed record MntIdAllocStep : RecipeStep
{
    public override string Keyword => "mntid_alloc";
}
