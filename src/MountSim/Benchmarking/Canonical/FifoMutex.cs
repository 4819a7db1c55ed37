using MountSim.Engine;
namespace MountSim.Benchmarking.Canonical;

/// <summary>A lock one client holds at a time; waiters get it in the order they asked.</summary>
public sealed class FifoMutex : FifoSemaphore
{
    public FifoMutex(Simulation simulation, string name)
        : base(simulation, name, capacity: 1)
    {
    }
}
