namespace MountSim.Kernel;

/// <summary>A poller of /proc/self/mountinfo (systemd and the like): told of every mount-table event (touch_mnt_namespace).</summary>
public interface IMountEventListener
{
    void OnMountEvent();
}
