namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>slave_namespace: +1</c> or <c>-1</c>: a mount namespace that receives the runtime's tree's
/// propagation begins or ends (runc's copy of the host table, with its shared mounts turned to slaves,
/// until its old root is detached); no cost. Where the runtime's directories are shared, each mount and
/// umount there is copied into every such namespace (the <c>peers</c> repeat count).
/// </summary>
public sealed record SlaveNamespaceStep(int Delta) : RecipeStep
{
    public override string Keyword => "slave_namespace";
}
