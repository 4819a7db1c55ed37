using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Engine;

public sealed class SimulationTests
{
    private readonly Simulation _simulation = new(new RandomStreams(1));
    private readonly List<string> _log = [];

    [Fact]
    public void EventsAtDifferentTimesRunInTimeOrderWithTheClockAtEachEventsTime()
    {
        var a = Recorder("a");
        foreach (var time in new long[] { 50, 10, 40, 20, 30 })
        {
            _simulation.Schedule(time, a.Id, (int)time);
        }

        _simulation.Run();

        Assert.Equal(["a:10@10", "a:20@20", "a:30@30", "a:40@40", "a:50@50"], _log);
        Assert.Equal(50, _simulation.Now);
    }

    [Fact]
    public void EqualTimeEventsRunInTheOrderTheyWereScheduled()
    {
        var a = Recorder("a");
        var b = Recorder("b");
        var c = Recorder("c");

        // Scheduled at time 0 for time 10, by delay and by absolute time, to different targets.
        _simulation.Schedule(10, b.Id, 1);
        _simulation.ScheduleAt(10, a.Id, 2);
        _simulation.Schedule(5, c.Id, 3);
        _simulation.Schedule(10, c.Id, 4);

        // Scheduled at time 5 for time 10: later than the four above, so they run after them.
        c.OnTag = tag =>
        {
            if (tag == 3)
            {
                _simulation.Schedule(5, a.Id, 5);
                _simulation.ScheduleAt(10, b.Id, 6);
            }
        };

        _simulation.Run();

        Assert.Equal(["c:3@5", "b:1@10", "a:2@10", "c:4@10", "a:5@10", "b:6@10"], _log);
    }

    [Fact]
    public void HeapEventsDueNowRunBeforeZeroDelayEventsScheduledAtThatTime()
    {
        var a = Recorder("a");
        var b = Recorder("b");
        var c = Recorder("c");
        _simulation.Schedule(10, a.Id, 1);
        _simulation.Schedule(10, b.Id, 2);
        _simulation.Schedule(10, c.Id, 3);
        _simulation.Schedule(11, a.Id, 4);
        a.OnTag = tag =>
        {
            if (tag == 1)
            {
                // Zero delay, and absolute time equal to now (which is zero delay too).
                _simulation.Schedule(0, c.Id, 10);
                _simulation.ScheduleAt(10, b.Id, 11);
            }
        };
        c.OnTag = tag =>
        {
            if (tag == 10)
            {
                _simulation.Schedule(0, a.Id, 12);
            }
        };

        _simulation.Run();

        Assert.Equal(["a:1@10", "b:2@10", "c:3@10", "c:10@10", "b:11@10", "a:12@10", "a:4@11"], _log);
    }

    [Fact]
    public void ZeroDelayEventsScheduledBeforeTheRunStartAtTimeZeroInOrder()
    {
        var a = Recorder("a");
        var b = Recorder("b");
        _simulation.Schedule(1, a.Id, 1);
        _simulation.Schedule(0, b.Id, 2);
        _simulation.ScheduleAt(0, a.Id, 3);

        _simulation.Run();

        Assert.Equal(["b:2@0", "a:3@0", "a:1@1"], _log);
    }

    [Fact]
    public void RunUntilStopsAtUntilWithClockAtUntilWhenEventsRemain()
    {
        var a = Recorder("a");
        _simulation.Schedule(10, a.Id, 1);
        _simulation.Schedule(20, a.Id, 2);
        _simulation.Schedule(30, a.Id, 3);

        _simulation.Run(25);

        Assert.Equal(["a:1@10", "a:2@20"], _log);
        Assert.Equal(25, _simulation.Now);
        Assert.Equal(1, _simulation.PendingEvents);

        _simulation.Run();

        Assert.Equal(["a:1@10", "a:2@20", "a:3@30"], _log);
        Assert.Equal(30, _simulation.Now);
        Assert.Equal(0, _simulation.PendingEvents);
    }

    [Fact]
    public void RunUntilProcessesEventsDueExactlyAtUntil()
    {
        var a = Recorder("a");
        _simulation.Schedule(25, a.Id, 1);
        _simulation.Schedule(26, a.Id, 2);

        _simulation.Run(25);

        Assert.Equal(["a:1@25"], _log);
        Assert.Equal(25, _simulation.Now);
    }

    [Fact]
    public void RunUntilWithNothingLeftLeavesTheClockAtTheLastEvent()
    {
        var a = Recorder("a");
        _simulation.Schedule(10, a.Id, 1);

        _simulation.Run(100);

        Assert.Equal(10, _simulation.Now);
        Assert.Equal(0, _simulation.PendingEvents);
    }

    [Fact]
    public void StopEndsTheRunAfterTheCurrentEventAndRunResumes()
    {
        var a = Recorder("a");
        _simulation.Schedule(1, a.Id, 1);
        _simulation.Schedule(2, a.Id, 2);
        _simulation.Schedule(3, a.Id, 3);
        a.OnTag = tag =>
        {
            if (tag == 2)
            {
                _simulation.Schedule(0, a.Id, 20);
                _simulation.Stop();
            }
        };

        _simulation.Run();

        Assert.Equal(["a:1@1", "a:2@2"], _log);
        Assert.Equal(2, _simulation.Now);
        Assert.Equal(2, _simulation.PendingEvents);
        Assert.Equal(2, _simulation.EventsProcessed);

        _simulation.Run();

        Assert.Equal(["a:1@1", "a:2@2", "a:20@2", "a:3@3"], _log);
    }

    [Fact]
    public void EventsProcessedCountsHeapAndZeroDelayEvents()
    {
        var a = Recorder("a");
        a.OnTag = tag =>
        {
            if (tag < 5)
            {
                _simulation.Schedule(tag % 2, a.Id, tag + 1);
            }
        };
        _simulation.Schedule(0, a.Id, 0);

        _simulation.Run();

        // Tags 0..5: six events, alternating zero and one nanosecond apart.
        Assert.Equal(6, _simulation.EventsProcessed);
        Assert.Equal(["a:0@0", "a:1@0", "a:2@1", "a:3@1", "a:4@2", "a:5@2"], _log);
    }

    [Fact]
    public void RegisterReusesTheIdsOfUnregisteredEntities()
    {
        var a = Recorder("a");
        var b = Recorder("b");
        Recorder("c");
        Assert.Equal(new EntityId(0), a.Id);
        Assert.Equal(new EntityId(1), b.Id);
        Assert.Equal(3, _simulation.LiveEntities);

        _simulation.Unregister(b.Id);
        _simulation.Unregister(a.Id);
        Assert.Equal(1, _simulation.LiveEntities);

        // Most recently freed first; a fresh id only when none is free.
        Assert.Equal(new EntityId(0), Recorder("d").Id);
        Assert.Equal(new EntityId(1), Recorder("e").Id);
        Assert.Equal(new EntityId(3), Recorder("f").Id);
        Assert.Equal(4, _simulation.LiveEntities);
    }

    [Fact]
    public void RegisteringManyEntitiesGrowsTheTableAndEventsReachEachOne()
    {
        var recorders = Enumerable.Range(0, 200).Select(i => Recorder($"r{i}")).ToList();
        foreach (var recorder in recorders)
        {
            _simulation.Schedule(recorder.Id.Value + 1, recorder.Id, 7);
        }

        _simulation.Run();

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"r{i}:7@{i + 1}"), _log);
    }

    [Fact]
    public void UnregisteringAnEntityTwiceThrows()
    {
        var a = Recorder("a");
        _simulation.Unregister(a.Id);

        Assert.Throws<InvalidOperationException>(() => _simulation.Unregister(a.Id));
    }

    [Fact]
    public void SchedulingInThePastThrows()
    {
        var a = Recorder("a");
        _simulation.Schedule(10, a.Id);
        _simulation.Run();

        Assert.Throws<ArgumentOutOfRangeException>(() => _simulation.ScheduleAt(9, a.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => _simulation.Schedule(-1, a.Id));
        Assert.Equal(0, _simulation.PendingEvents);
    }

    private EventRecorder Recorder(string name) => new(_simulation, name, _log);
}
