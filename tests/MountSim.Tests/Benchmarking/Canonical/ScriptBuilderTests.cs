using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Benchmarking.Canonical;

public sealed class ScriptBuilderTests
{
    private readonly Simulation _simulation = new(new RandomStreams(1));

    [Fact]
    public void BuildResolvesLabelsToStepIndices()
    {
        var mutex = new FifoMutex(_simulation, "m");
        var think = Distribution.Exponential(10);
        var action = new LogStep([]);
        var script = new ScriptBuilder("worker")
            .Label("top")
            .Delay(think)
            .Acquire(mutex)
            .Invoke(action)
            .Jump("skip")
            .Delay(Distribution.Constant(1))
            .Label("skip")
            .Release(mutex)
            .Jump("top")
            .Label("end")
            .Build();

        Assert.Equal("worker", script.Name);
        Assert.Equal(7, script.Length);
        Assert.Equal(new Step(StepKind.Delay, Duration: think), script[0]);
        Assert.Equal(new Step(StepKind.Acquire, Resource: mutex, Mode: AccessMode.Exclusive), script[1]);
        Assert.Equal(new Step(StepKind.Invoke, Action: action), script[2]);
        Assert.Equal(new Step(StepKind.Jump, Target: 5), script[3]);
        Assert.Equal(StepKind.Delay, script[4].Kind);
        Assert.Equal(new Step(StepKind.Release, Resource: mutex), script[5]);
        Assert.Equal(new Step(StepKind.Jump, Target: 0), script[6]);
    }

    [Fact]
    public void AcquireKeepsItsAccessMode()
    {
        var rw = new FifoReaderWriterLock(_simulation, "rw");
        var script = new ScriptBuilder("reader").Acquire(rw, AccessMode.Shared).Release(rw).Build();

        Assert.Equal(AccessMode.Shared, script[0].Mode);
        Assert.Same(rw, script[1].Resource);
    }

    [Fact]
    public void JumpToAnUnknownLabelThrows()
    {
        var builder = new ScriptBuilder("broken").Delay(Distribution.Constant(1)).Jump("nowhere");

        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoopWithoutADelayThrows()
    {
        var mutex = new FifoMutex(_simulation, "m");
        var builder = new ScriptBuilder("spin")
            .Delay(Distribution.Constant(1))
            .Label("top")
            .Acquire(mutex)
            .Release(mutex)
            .Jump("top");

        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    [Fact]
    public void LoopWhoseOnlyDelayIsJumpedOverThrows()
    {
        // Steps: 0 jump skip, 1 delay, 2 jump top. The path 0 -> 2 -> 0 never reaches the delay,
        // so an actor running this script would spin at one instant forever.
        var builder = new ScriptBuilder("skips-its-delay")
            .Label("top")
            .Jump("skip")
            .Delay(Distribution.Constant(1))
            .Label("skip")
            .Jump("top");

        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    [Fact]
    public void JumpToItselfThrows()
    {
        var builder = new ScriptBuilder("self").Delay(Distribution.Constant(1)).Label("here").Jump("here");

        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    [Fact]
    public void ForwardJumpNeedsNoDelay()
    {
        var script = new ScriptBuilder("forward").Jump("end").Label("end").Build();

        Assert.Equal(1, script[0].Target);
    }

    [Fact]
    public void DefiningALabelTwiceThrows()
    {
        var builder = new ScriptBuilder("twice").Label("a").Delay(Distribution.Constant(1));

        Assert.Throws<InvalidOperationException>(() => builder.Label("a"));
    }
}
