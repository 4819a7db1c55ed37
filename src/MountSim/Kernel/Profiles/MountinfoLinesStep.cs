namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>mountinfo_lines</c>: one read() worth of /proc/self/mountinfo, i.e. up to <c>mountinfo_read_bytes</c>
/// of the host table's lines at <c>mountinfo_per_byte</c> each. Always inside a namespace_sem section.
/// </summary>
public sealed record MountinfoLinesStep : RecipeStep
{
    public override string Keyword => "mountinfo_lines";
}
