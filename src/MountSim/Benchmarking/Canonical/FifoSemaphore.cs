using MountSim.Engine;
namespace MountSim.Benchmarking.Canonical;

/// <summary>A counting semaphore of <see cref="Capacity"/> units, granted one per request in FIFO order.</summary>
public class FifoSemaphore : Resource
{
    public FifoSemaphore(Simulation simulation, string name, int capacity)
        : base(simulation, name, sharedAccess: false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int InUse { get; private set; }

    protected override double BusyFraction => InUse / (double)Capacity;

    protected override bool CanAdmit(AccessMode mode) => InUse < Capacity;

    protected override void OnGranted(AccessMode mode) => InUse++;

    protected override void OnReleased(AccessMode mode) => InUse--;
}
