namespace MountSim.Kernel.Profiles;

/// <summary>
/// One step of a syscall recipe, from a small closed set (see kernels/README.md). Steps are immutable;
/// the mechanism interprets them with a switch over the sealed kinds.
/// </summary>
public abstract record RecipeStep
{
    /// <summary>The step's name in profile files, e.g. <c>ns_write</c>.</summary>
    public abstract string Keyword { get; }
}
