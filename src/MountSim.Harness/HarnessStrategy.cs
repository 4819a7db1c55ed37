namespace MountSim.Calibration.Harness;

/// <summary>How a container's idmapped layers reach the overlay mount (containerd's variants).</summary>
public enum HarnessStrategy
{
    /// <summary>One idmapped bind mount per layer, detached after the overlay is mounted (containerd 2.0).</summary>
    PerLayer,

    /// <summary>One idmapped bind mount of the layers' common parent; lower dirs are its subpaths (containerd main).</summary>
    CommonParent,

    /// <summary>Detached idmapped open_tree fds handed to an overlay fs context with <c>lowerdir+</c>; nothing intermediate is attached.</summary>
    DetachedFds,
}
