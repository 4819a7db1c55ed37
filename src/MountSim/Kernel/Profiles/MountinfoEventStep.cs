namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>mountinfo_event</c>: touch_mnt_namespace on the host namespace, which wakes every mountinfo
/// watcher; cost <c>mountinfo_event</c>. Changes to an anonymous (detached) namespace wake nobody and have no such step.
/// </summary>
public sealed record MountinfoEventStep : RecipeStep
{
    public override string Keyword => "mountinfo_event";
}
