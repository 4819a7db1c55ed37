namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>path_walk</c>: the syscall's own lookup. It samples the mount_lock sequence in path_init (spins while
/// it is odd) and restarts in ref-walk mode if a write happened meanwhile; cost <c>path_walk</c>.
/// </summary>
public sealed record PathWalkStep : RecipeStep
{
    public override string Keyword => "path_walk";
}
