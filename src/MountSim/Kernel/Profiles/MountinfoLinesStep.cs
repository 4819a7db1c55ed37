namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>mountinfo_lines</c>: one read() worth of /proc/self/mountinfo, i.e. up to <c>mountinfo_lines_per_read</c>
/// lines of the host table at <c>mountinfo_per_line</c> each. Always inside a namespace_sem section.
/// </summary>
public sealed record MountinfoLinesStep : RecipeStep
{
    public override string Keyword => "mountinfo_lines";
}
