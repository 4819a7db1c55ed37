using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Benchmarking.Canonical;

public sealed class FifoSemaphoreTests
{
    private readonly Simulation _simulation = new(new RandomStreams(1));
    private readonly List<string> _log = [];

    [Fact]
    public void CapacityTwoAdmitsTwoAndQueuesTheThird()
    {
        var semaphore = new FifoSemaphore(_simulation, "s", 2);
        var a = new EventRecorder(_simulation, "a", _log);
        var b = new EventRecorder(_simulation, "b", _log);
        var c = new EventRecorder(_simulation, "c", _log);
        a.OnTag = _ => semaphore.Release(a.Id);

        Assert.True(semaphore.Request(a.Id));
        Assert.True(semaphore.Request(b.Id));
        Assert.False(semaphore.Request(c.Id, tag: 3));
        Assert.Equal(2, semaphore.InUse);
        Assert.Equal(2, semaphore.HolderCount);
        Assert.Equal(1, semaphore.WaitingCount);

        _simulation.Schedule(4, a.Id, 1);
        _simulation.Run();

        Assert.Equal(["a:1@4", "c:3@4"], _log);
        Assert.True(semaphore.IsHeldBy(b.Id));
        Assert.True(semaphore.IsHeldBy(c.Id));
        Assert.False(semaphore.IsHeldBy(a.Id));
        Assert.Equal(2, semaphore.InUse);
        Assert.Equal(0, semaphore.WaitingCount);
    }

    [Fact]
    public void UtilizationIsBusyUnitsOverCapacity()
    {
        var semaphore = new FifoSemaphore(_simulation, "s", 2);
        var script = new ScriptBuilder("client")
            .Acquire(semaphore)
            .Invoke(new LogStep(_log))
            .Delay(new ConstantDistribution(10))
            .Release(semaphore)
            .Build();
        foreach (var (name, start) in new[] { ("A", 0), ("B", 2), ("C", 4) })
        {
            new Actor(_simulation, script, _simulation.Random.Stream("unused"), name).Start(start);
        }

        _simulation.Run();

        Assert.Equal(["A@0", "B@2", "C@10"], _log);

        // Units busy: 1 on [0, 2), 2 on [2, 12), 1 on [12, 20): fraction area 1 + 10 + 4 = 15.
        var statistics = semaphore.Statistics;
        Assert.Equal(20, _simulation.Now);
        Assert.Equal(0.75, statistics.Utilization.Mean(20), 12);
        Assert.Equal(0.5, statistics.Utilization.Mean(30), 12);
        Assert.Equal(1, statistics.Utilization.Max);

        // C waits on [4, 10).
        Assert.Equal(0.3, statistics.QueueLength.Mean(20), 12);
        Assert.Equal(6, statistics.WaitTime.Max);
        Assert.Equal(3, statistics.Acquisitions);
    }

    [Fact]
    public void SharedModeIsNotSupported()
    {
        var semaphore = new FifoSemaphore(_simulation, "s", 3);
        var a = new EventRecorder(_simulation, "a", _log);

        Assert.Throws<NotSupportedException>(() => semaphore.Request(a.Id, 0, AccessMode.Shared));
        Assert.Equal(0, semaphore.InUse);
    }

    [Fact]
    public void CapacityBelowOneIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FifoSemaphore(_simulation, "s", 0));
    }
}
