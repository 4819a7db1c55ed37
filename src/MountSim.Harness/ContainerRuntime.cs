namespace MountSim.Calibration.Harness;

/// <summary>What runs on a container root once it is mounted.</summary>
public enum ContainerRuntime
{
    /// <summary>Nothing: the root is set up and torn down, the kernel's mount work alone.</summary>
    None,

    /// <summary>runc creates, starts and deletes a container on the root, as containerd's shim has it do.</summary>
    Runc,
}
