namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>mount_table: +1</c> or <c>-1</c>: the host mount table gains or loses mounts (what mountinfo lists); no cost.
/// <c>mount_table: {change: +1, lowerdirs: layers}</c> is an overlay's, whose line lists every lowerdir
/// (ovl_show_options), so it is longer by <see cref="Lowerdirs"/> times <c>mountinfo_lowerdir_bytes</c>.
/// </summary>
public sealed record MountTableStep(int Delta, RepeatCount Lowerdirs = default) : RecipeStep
{
    public override string Keyword => "mount_table";
}
