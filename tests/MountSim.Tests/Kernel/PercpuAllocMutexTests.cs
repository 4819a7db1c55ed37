using MountSim.Kernel;
using MountSim.Tests.Support;

namespace MountSim.Tests.Kernel;

public sealed class PercpuAllocMutexTests
{
    [Fact]
    public void AllocationsAtOnceTakeTheMutexOneAfterAnotherInArrivalOrder()
    {
        var mutex = new PercpuAllocMutex(SyntheticTopologies.Mesh(4), holdNs: 150);

        var first = mutex.Allocate(1_000, thread: 0);
        var second = mutex.Allocate(1_000, thread: 1);
        var third = mutex.Allocate(1_000, thread: 2);

        // Each waits for the holders before it: the line comes over, then 150 ns each.
        Assert.True(first >= 1_150 && second >= first + 150 && third >= second + 150, $"{first}, {second}, {third}");
        Assert.Equal(3, mutex.Acquisitions);
        // The second and third waited out the holds before them, less the line's transfers to them, which overlap.
        Assert.InRange(mutex.WaitNs, 1, 150 + 300);
    }

    [Fact]
    public void AnAllocationAfterTheLastHolderLeftDoesNotWait()
    {
        var mutex = new PercpuAllocMutex(SyntheticTopologies.Mesh(4), holdNs: 150);

        mutex.Allocate(1_000, thread: 0);
        var later = mutex.Allocate(10_000, thread: 0);

        Assert.Equal(10_150, later, 6);
        Assert.Equal(0, mutex.WaitNs);
    }
}
