using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Benchmarking.Canonical;

public sealed class FifoReaderWriterLockTests
{
    private readonly Simulation _simulation = new(new RandomStreams(1));
    private readonly List<string> _log = [];

    [Fact]
    public void ReadersShareTheLock()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw");
        var r1 = Client("r1");
        var r2 = Client("r2");

        Assert.True(rw.Request(r1.Id, 0, AccessMode.Shared));
        Assert.True(rw.Request(r2.Id, 0, AccessMode.Shared));
        Assert.Equal(2, rw.Readers);
        Assert.Equal(2, rw.HolderCount);
        Assert.False(rw.WriterInside);
    }

    [Fact]
    public void ManyReadersLeaveInAnyOrderBeforeTheWriterEnters()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw");
        var readers = Enumerable.Range(0, 10).Select(i => Client($"r{i}")).ToList();
        var w = Client("w");
        foreach (var reader in readers)
        {
            Assert.True(rw.Request(reader.Id, 0, AccessMode.Shared));
        }

        rw.Request(w.Id, 1, AccessMode.Exclusive);
        foreach (var i in new[] { 3, 0, 9, 5, 1, 8, 2, 7, 6 })
        {
            rw.Release(readers[i].Id);
            Assert.False(rw.IsHeldBy(readers[i].Id));
            Assert.False(rw.WriterInside);
        }

        // Only r4 is left, and still holds the lock.
        Assert.Equal(1, rw.Readers);
        Assert.True(rw.IsHeldBy(readers[4].Id));
        rw.Release(readers[4].Id);
        Assert.True(rw.IsHeldBy(w.Id));
        Assert.Equal(1, rw.HolderCount);
        Assert.Equal(10, rw.Statistics.HoldTime.Count);
    }

    [Fact]
    public void WriterWaitsUntilEveryReaderHasLeft()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw");
        var r1 = Client("r1");
        var r2 = Client("r2");
        var w = Client("w");
        rw.Request(r1.Id, 0, AccessMode.Shared);
        rw.Request(r2.Id, 0, AccessMode.Shared);

        Assert.False(rw.Request(w.Id, 5, AccessMode.Exclusive));

        rw.Release(r1.Id);
        Assert.False(rw.WriterInside);
        Assert.Equal(1, rw.WaitingCount);

        rw.Release(r2.Id);
        Assert.True(rw.WriterInside);
        Assert.True(rw.IsHeldBy(w.Id));
        Assert.Equal(0, rw.Readers);

        _simulation.Run();
        Assert.Equal(["w:5@0"], _log);
    }

    [Fact]
    public void ReaderWaitsForWriterInside()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw", writerPreference: false);
        var w = Client("w");
        var r = Client("r");
        rw.Request(w.Id, 0, AccessMode.Exclusive);

        Assert.False(rw.Request(r.Id, 0, AccessMode.Shared));
        Assert.Equal(0, rw.Readers);
    }

    [Fact]
    public void WithWriterPreferenceANewReaderQueuesBehindAWaitingWriter()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw");
        var r1 = Client("r1");
        var w = Client("w");
        var r2 = Client("r2");
        rw.Request(r1.Id, 0, AccessMode.Shared);
        rw.Request(w.Id, 1, AccessMode.Exclusive);

        Assert.True(rw.WriterPreference);
        Assert.False(rw.Request(r2.Id, 2, AccessMode.Shared));
        Assert.Equal(1, rw.Readers);
        Assert.Equal(2, rw.WaitingCount);

        // The writer goes first; the reader follows it.
        rw.Release(r1.Id);
        Assert.True(rw.IsHeldBy(w.Id));
        Assert.False(rw.IsHeldBy(r2.Id));
        rw.Release(w.Id);
        Assert.True(rw.IsHeldBy(r2.Id));
        _simulation.Run();
        Assert.Equal(["w:1@0", "r2:2@0"], _log);
    }

    [Fact]
    public void WithoutWriterPreferenceANewReaderJoinsReadersAlreadyInside()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw", writerPreference: false);
        var r1 = Client("r1");
        var w = Client("w");
        var r2 = Client("r2");
        rw.Request(r1.Id, 0, AccessMode.Shared);
        rw.Request(w.Id, 1, AccessMode.Exclusive);

        Assert.True(rw.Request(r2.Id, 2, AccessMode.Shared));
        Assert.Equal(2, rw.Readers);
        Assert.Equal(1, rw.WaitingCount);

        // The writer needs both readers gone.
        rw.Release(r1.Id);
        Assert.False(rw.WriterInside);
        rw.Release(r2.Id);
        Assert.True(rw.IsHeldBy(w.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WhenAWriterReleasesTheConsecutiveReadersAtTheHeadEnterTogether(bool writerPreference)
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw", writerPreference);
        var w1 = Client("w1");
        var r1 = Client("r1");
        var r2 = Client("r2");
        var w2 = Client("w2");
        var r3 = Client("r3");
        rw.Request(w1.Id, 0, AccessMode.Exclusive);
        rw.Request(r1.Id, 1, AccessMode.Shared);
        rw.Request(r2.Id, 2, AccessMode.Shared);
        rw.Request(w2.Id, 3, AccessMode.Exclusive);
        rw.Request(r3.Id, 4, AccessMode.Shared);
        Assert.Equal(4, rw.WaitingCount);

        rw.Release(w1.Id);

        // r1 and r2 enter; w2 stops the batch and r3 stays behind it, whatever the preference.
        Assert.Equal(2, rw.Readers);
        Assert.True(rw.IsHeldBy(r1.Id));
        Assert.True(rw.IsHeldBy(r2.Id));
        Assert.False(rw.IsHeldBy(r3.Id));
        Assert.Equal(2, rw.WaitingCount);
        _simulation.Run();
        Assert.Equal(["r1:1@0", "r2:2@0"], _log);

        rw.Release(r1.Id);
        rw.Release(r2.Id);
        Assert.True(rw.IsHeldBy(w2.Id));
        rw.Release(w2.Id);
        Assert.True(rw.IsHeldBy(r3.Id));
    }

    [Fact]
    public void ScenarioWithConstantDelaysHasHandComputedStatistics()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw");

        // name, mode, request time, hold time.
        var clients = new[]
        {
            ("W1", AccessMode.Exclusive, 0, 10),
            ("R1", AccessMode.Shared, 2, 5),
            ("R2", AccessMode.Shared, 4, 8),
            ("W2", AccessMode.Exclusive, 6, 3),
            ("R3", AccessMode.Shared, 7, 4),
            ("R4", AccessMode.Shared, 30, 5),
        };
        foreach (var (name, mode, start, hold) in clients)
        {
            var script = new ScriptBuilder(name)
                .Acquire(rw, mode)
                .Invoke(new LogStep(_log))
                .Delay(new ConstantDistribution(hold))
                .Release(rw)
                .Build();
            new Actor(_simulation, script, _simulation.Random.Stream("unused"), name).Start(start);
        }

        _simulation.Run();

        // W1 holds [0, 10); R1 [10, 15) and R2 [10, 18) together; W2 [18, 21); R3 [21, 25); R4 [30, 35).
        Assert.Equal(["W1@0", "R1@10", "R2@10", "W2@18", "R3@21", "R4@30"], _log);
        var statistics = rw.Statistics;
        Assert.Equal(6, statistics.Acquisitions);

        // Waits 0, 8, 6, 12, 14, 0; holds 10, 5, 8, 3, 4, 5.
        Assert.Equal(40, statistics.WaitTime.Sum);
        Assert.Equal(14, statistics.WaitTime.Max);
        Assert.Equal(35, statistics.HoldTime.Sum);

        // Busy on [0, 25) and [30, 35): 30 of 40.
        Assert.Equal(35, _simulation.Now);
        Assert.Equal(0.75, statistics.Utilization.Mean(40), 12);

        // Waiting: 1 on [2, 4), 2 on [4, 6), 3 on [6, 7), 4 on [7, 10), 2 on [10, 18), 1 on [18, 21):
        // area 2 + 4 + 3 + 12 + 16 + 3 = 40 (the total wait, as Little's law says).
        Assert.Equal(40.0 / 25, statistics.QueueLength.Mean(25), 12);
        Assert.Equal(1, statistics.QueueLength.Mean(40), 12);
        Assert.Equal(4, statistics.QueueLength.Max);
    }

    private EventRecorder Client(string name) => new(_simulation, name, _log);
}
