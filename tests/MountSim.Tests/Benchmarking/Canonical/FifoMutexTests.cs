using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Benchmarking.Canonical;

public sealed class FifoMutexTests
{
    private readonly Simulation _simulation = new(new RandomStreams(1));
    private readonly List<string> _log = [];

    [Fact]
    public void SecondClientWaitsUntilHolderReleases()
    {
        var mutex = new FifoMutex(_simulation, "m");
        var a = new EventRecorder(_simulation, "a", _log);
        var b = new EventRecorder(_simulation, "b", _log);
        a.OnTag = _ => mutex.Release(a.Id);

        Assert.True(mutex.Request(a.Id));
        Assert.False(mutex.Request(b.Id, tag: 7));
        Assert.True(mutex.IsHeldBy(a.Id));
        Assert.False(mutex.IsHeldBy(b.Id));
        Assert.Equal(1, mutex.WaitingCount);

        _simulation.Schedule(5, a.Id, 1);
        _simulation.Run();

        // b is woken at the release instant with the tag it asked with.
        Assert.Equal(["a:1@5", "b:7@5"], _log);
        Assert.True(mutex.IsHeldBy(b.Id));
        Assert.Equal(1, mutex.HolderCount);
        Assert.Equal(0, mutex.WaitingCount);
    }

    [Fact]
    public void GrantsFollowRequestOrderAndRecordHandComputedStatistics()
    {
        var mutex = StartFourClients();

        _simulation.Run();

        // Requests at 0, 1, 2, 3, each held 10: grants at 0, 10, 20, 30.
        Assert.Equal(["A@0", "B@10", "C@20", "D@30"], _log);
        var statistics = mutex.Statistics;
        Assert.Equal(4, statistics.Acquisitions);

        // Waits 0, 9, 18, 27.
        Assert.Equal(4, statistics.WaitTime.Count);
        Assert.Equal(54, statistics.WaitTime.Sum);
        Assert.Equal(13.5, statistics.WaitTime.Mean, 12);
        Assert.Equal(0, statistics.WaitTime.Min);
        Assert.Equal(27, statistics.WaitTime.Max);

        Assert.Equal(4, statistics.HoldTime.Count);
        Assert.Equal(10, statistics.HoldTime.Min);
        Assert.Equal(10, statistics.HoldTime.Max);

        // Held throughout [0, 40), free afterwards.
        Assert.Equal(40, _simulation.Now);
        Assert.Equal(1, statistics.Utilization.Mean(40), 12);
        Assert.Equal(0.5, statistics.Utilization.Mean(80), 12);

        // Waiting: 1 on [1, 2), 2 on [2, 3), 3 on [3, 10), 2 on [10, 20), 1 on [20, 30): area 54 = total wait.
        Assert.Equal(54.0 / 40, statistics.QueueLength.Mean(40), 12);
        Assert.Equal(3, statistics.QueueLength.Max);
    }

    [Fact]
    public void StatisticsResetForgetsTheWarmupAndKeepsCurrentLevels()
    {
        var mutex = StartFourClients();
        _simulation.Run(15);

        mutex.Statistics.Reset(_simulation.Now);
        _simulation.Run();

        // After 15: grants of C (wait 18) and D (wait 27); releases of B, C, D.
        var statistics = mutex.Statistics;
        Assert.Equal(2, statistics.Acquisitions);
        Assert.Equal(45, statistics.WaitTime.Sum);
        Assert.Equal(3, statistics.HoldTime.Count);
        Assert.Equal(1, statistics.Utilization.Mean(40), 12);

        // Waiting: 2 on [15, 20), 1 on [20, 30), 0 on [30, 40): area 20 over 25.
        Assert.Equal(0.8, statistics.QueueLength.Mean(40), 12);
        Assert.Equal(2, statistics.QueueLength.Max);
    }

    [Fact]
    public void ReleasingWithoutHoldingThrows()
    {
        var mutex = new FifoMutex(_simulation, "m");
        var a = new EventRecorder(_simulation, "a", _log);
        var b = new EventRecorder(_simulation, "b", _log);

        Assert.Throws<InvalidOperationException>(() => mutex.Release(a.Id));

        mutex.Request(b.Id);

        Assert.Throws<InvalidOperationException>(() => mutex.Release(a.Id));
        Assert.True(mutex.IsHeldBy(b.Id));
        Assert.Equal(1, mutex.HolderCount);
    }

    [Fact]
    public void SharedModeIsNotSupported()
    {
        var mutex = new FifoMutex(_simulation, "m");
        var a = new EventRecorder(_simulation, "a", _log);

        Assert.Throws<NotSupportedException>(() => mutex.Request(a.Id, 0, AccessMode.Shared));
    }

    /// <summary>Clients A..D request at 0, 1, 2, 3 and each holds the mutex for 10 ns; created in reverse order.</summary>
    private FifoMutex StartFourClients()
    {
        var mutex = new FifoMutex(_simulation, "m");
        var script = new ScriptBuilder("client")
            .Acquire(mutex)
            .Invoke(new LogStep(_log))
            .Delay(new ConstantDistribution(10))
            .Release(mutex)
            .Build();
        foreach (var (name, start) in new[] { ("D", 3), ("C", 2), ("B", 1), ("A", 0) })
        {
            new Actor(_simulation, script, _simulation.Random.Stream("unused"), name).Start(start);
        }

        return mutex;
    }
}
