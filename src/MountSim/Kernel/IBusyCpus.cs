namespace MountSim.Kernel;

/// <summary>How many hardware threads are busy (running or spinning) right now: expedited RCU IPIs each of them.</summary>
public interface IBusyCpus
{
    int BusyCpus { get; }
}
