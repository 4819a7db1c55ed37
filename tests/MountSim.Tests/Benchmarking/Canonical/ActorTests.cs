using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Benchmarking.Canonical;

public sealed class ActorTests
{
    private readonly Simulation _simulation = new(new RandomStreams(1));
    private readonly List<string> _log = [];

    [Fact]
    public void RunsItsScriptAndUnregistersWhenFinished()
    {
        var script = new ScriptBuilder("once")
            .Delay(Distribution.Constant(5))
            .Invoke(new LogStep(_log))
            .Delay(Distribution.Constant(7))
            .Invoke(new LogStep(_log))
            .Build();
        var actor = new Actor(_simulation, script, _simulation.Random.Stream("a"), "a");
        Assert.Equal(1, _simulation.LiveEntities);

        actor.Start(3);
        _simulation.Run();

        Assert.Equal(["a@8", "a@15"], _log);
        Assert.True(actor.IsFinished);
        Assert.Equal(0, _simulation.LiveEntities);

        // The finished actor's id serves the next entity.
        var next = new Actor(_simulation, script, _simulation.Random.Stream("b"), "b");
        Assert.Equal(actor.Id, next.Id);
    }

    [Fact]
    public void LoopsUntilTheRunIsStopped()
    {
        var stopAtThird = new StopAfter(3);
        var script = new ScriptBuilder("loop")
            .Label("top")
            .Delay(Distribution.Constant(10))
            .Invoke(new LogStep(_log))
            .Invoke(stopAtThird)
            .Jump("top")
            .Build();
        var actor = new Actor(_simulation, script, _simulation.Random.Stream("a"), "a");

        actor.Start();
        _simulation.Run();

        Assert.Equal(["a@10", "a@20", "a@30"], _log);
        Assert.False(actor.IsFinished);
        Assert.Equal(1, _simulation.PendingEvents);
    }

    [Fact]
    public void DelaysAreRoundedToWholeNanoseconds()
    {
        var script = new ScriptBuilder("round")
            .Delay(Distribution.Constant(2.4))
            .Invoke(new LogStep(_log))
            .Delay(Distribution.Constant(2.5))
            .Invoke(new LogStep(_log))
            .Delay(Distribution.Constant(-3))
            .Invoke(new LogStep(_log))
            .Build();
        new Actor(_simulation, script, _simulation.Random.Stream("a"), "a").Start();

        _simulation.Run();

        // 2.4 -> 2, 2.5 -> 3, a negative draw -> 0.
        Assert.Equal(["a@2", "a@5", "a@5"], _log);
    }

    [Fact]
    public void WaitsInTheResourceLineAndContinuesWhenGranted()
    {
        var mutex = new FifoMutex(_simulation, "m");
        var script = new ScriptBuilder("client")
            .Acquire(mutex)
            .Invoke(new LogStep(_log))
            .Delay(Distribution.Constant(4))
            .Release(mutex)
            .Invoke(new LogStep(_log))
            .Build();
        new Actor(_simulation, script, _simulation.Random.Stream("x"), "x").Start();
        new Actor(_simulation, script, _simulation.Random.Stream("y"), "y").Start();

        _simulation.Run();

        Assert.Equal(["x@0", "x@4", "y@4", "y@8"], _log);
        Assert.Equal(0, _simulation.LiveEntities);
    }

    [Fact]
    public void DrawsItsDelaysFromItsOwnStream()
    {
        var exponential = Distribution.Exponential(1_000);
        var script = new ScriptBuilder("draw").Delay(exponential).Invoke(new LogStep(_log)).Build();
        new Actor(_simulation, script, new RandomStream(55), "a").Start();

        _simulation.Run();

        var expected = SimTime.FromNanoseconds(exponential.Sample(new RandomStream(55)));
        Assert.Equal([$"a@{expected}"], _log);
    }

    private sealed class StopAfter(int count) : IStepAction
    {
        private int _seen;

        public void Execute(Actor actor)
        {
            if (++_seen == count)
            {
                actor.Simulation.Stop();
            }
        }
    }
}
