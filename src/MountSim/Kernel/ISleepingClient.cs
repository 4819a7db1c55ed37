namespace MountSim.Kernel;

/// <summary>A client of a sleeping lock: told when it stops spinning and goes to sleep, freeing its CPU.</summary>
public interface ISleepingClient : ILockClient
{
    /// <summary>True while the client runs on its CPU: only a running owner is worth spinning on.</summary>
    bool IsOnCpu { get; }

    /// <summary>True while another thread waits to preempt the client on its CPU (need_resched): a writer does not spin then.</summary>
    bool NeedsResched { get; }

    void OnSleep(long now);
}
