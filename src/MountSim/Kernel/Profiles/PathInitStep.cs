namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>path_init</c>: a lookup of an empty path (<c>AT_EMPTY_PATH</c> on a file descriptor, as mount_setattr's
/// user_path_at does): path_init samples the mount_lock sequence (spins while it is odd), and there is no
/// component to walk; its cost is in the recipe's cpu steps.
/// </summary>
public sealed record PathInitStep : RecipeStep
{
    public override string Keyword => "path_init";
}
