namespace MountSim.Kernel.Profiles;

/// <summary><c>mount_table: +1</c> or <c>-1</c>: the host mount table gains or loses mounts (what mountinfo lists); no cost.</summary>
public sealed record MountTableStep(int Delta) : RecipeStep
{
    public override string Keyword => "mount_table";
}
