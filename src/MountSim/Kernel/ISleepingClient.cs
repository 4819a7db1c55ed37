namespace MountSim.Kernel;

/// <summary>A client of a sleeping lock: told when it stops spinning and goes to sleep, freeing its CPU.</summary>
public interface ISleepingClient : ILockClient
{
    void OnSleep(long now);
}
