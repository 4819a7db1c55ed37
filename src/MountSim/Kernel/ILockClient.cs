using MountSim.Engine;

namespace MountSim.Kernel;

/// <summary>A kernel thread as a lock sees it: whom to wake, and on which hardware thread it runs.</summary>
public interface ILockClient
{
    EntityId Id { get; }

    /// <summary>The topology index of the hardware thread the client runs on.</summary>
    int HardwareThread { get; }
}
