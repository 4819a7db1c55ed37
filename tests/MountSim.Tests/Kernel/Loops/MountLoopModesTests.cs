using System.Collections.Immutable;
using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Kernel;
using MountSim.Kernel.Execution;
using MountSim.Kernel.Loops;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Hardware;
using MountSim.Tests.Support;

namespace MountSim.Tests.Kernel.Loops;

/// <summary>
/// Threads that only run per-mount loops over a table of 3,000 mounts: the final mntput of each detached mount
/// (a 2 us write section with an O(nr_possible_cpus) sum, then 352 ns of work) and copy_tree under namespace_sem
/// (a new mount's work and id, then two 50 ns write sections), round by round and in closed form.
/// </summary>
public sealed class MountLoopModesTests
{
    private const int Mounts = 3_000;

    private static readonly KernelProfile Shipped = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    private static readonly KernelProfile Loops = new(
        "loops",
        string.Empty,
        string.Empty,
        Shipped.ParameterList,
        [
            new SyscallRecipe(
                "mntputs",
                string.Empty,
                [new RepeatStep(RepeatCount.Mounts, [new MountLockWriteStep([new PercpuSumStep(), new CpuStep(100)]), new CpuStep(352)])]),
            new SyscallRecipe(
                "copy_tree",
                string.Empty,
                [
                    new NamespaceWriteStep(
                    [
                        new RepeatStep(
                            RepeatCount.Mounts,
                            [new CpuStep(525), new MntIdAllocStep(), new MountLockWriteStep([new CpuStep(50)]), new MountLockWriteStep([new CpuStep(50)])]),
                    ]),
                ]),
        ],
        ImmutableDictionary<string, string>.Empty);

    [Theory]
    [InlineData(0)]
    [InlineData(500_000)]
    public void AloneTheClosedFormGivesTheLockWhatRoundByRoundGives(double lookupsPerCpuPerSecond)
    {
        // One loop alone: its lock requests cost nothing but the first's line transfer (the line stays in its cache),
        // so each round is its work, and the sample of rounds it takes says so.
        var topology = SyntheticTopologies.Mesh(cores: 4);
        var perMount = Run(topology, MountLoopMode.PerMount, lookupsPerCpuPerSecond, mntputs: 1, copies: 0);
        var closed = Run(topology, MountLoopMode.ClosedForm, lookupsPerCpuPerSecond, mntputs: 1, copies: 0);

        Assert.Equal(perMount.Lock.Acquisitions, closed.Lock.Acquisitions);
        Assert.Equal(perMount.Lock.HoldTime.Mean, closed.Lock.HoldTime.Mean, tolerance: 1e-6 * perMount.Lock.HoldTime.Mean);
        Assert.Equal(perMount.Lock.WaitTime.Max, closed.Lock.WaitTime.Max);
        Assert.Equal(perMount.Lock.WaitTime.Mean, closed.Lock.WaitTime.Mean, tolerance: 1e-3);
        Assert.Equal(perMount.Utilization, closed.Utilization, tolerance: 0.01 * perMount.Utilization);
        Assert.Equal(perMount.Finished["m0"], closed.Finished["m0"], tolerance: 0.01 * perMount.Finished["m0"]);
        Assert.Equal(perMount.Walks.Restarts, closed.Walks.Restarts, tolerance: 0.03 * perMount.Walks.Restarts);
        Assert.Equal(perMount.Walks.Spun, closed.Walks.Spun, tolerance: 0.03 * perMount.Walks.Spun);
        Assert.True(closed.Events * 20 < perMount.Events, $"{closed.Events} events in closed form against {perMount.Events}");
    }

    [Fact]
    public void LoopsThatShareTheLockTakeAsLongAsRoundByRound()
    {
        // Four mntput loops saturate mount_lock on r5.metal's mesh with a busy host's lookups (each unlock
        // invalidating their copies), and copy_tree waits among them: what a round costs is in the sample.
        var topology = ShippedTopologies.Load("aws-r5.metal");
        var perMount = Run(topology, MountLoopMode.PerMount, 200_000, mntputs: 4, copies: 1);
        var closed = Run(topology, MountLoopMode.ClosedForm, 200_000, mntputs: 4, copies: 1);

        foreach (var thread in perMount.Finished.Keys)
        {
            Assert.Equal(perMount.Finished[thread], closed.Finished[thread], tolerance: 0.03 * perMount.Finished[thread]);
        }

        Assert.Equal(perMount.Lock.Acquisitions, closed.Lock.Acquisitions);
        Assert.Equal(perMount.Lock.WaitTime.Mean, closed.Lock.WaitTime.Mean, tolerance: 0.05 * perMount.Lock.WaitTime.Mean);
        Assert.Equal(perMount.Utilization, closed.Utilization, tolerance: 0.02);
        Assert.Equal(perMount.Walks.Restarts, closed.Walks.Restarts, tolerance: 0.05 * perMount.Walks.Restarts);
        Assert.Equal(perMount.Walks.Latency.Quantile(0.99), closed.Walks.Latency.Quantile(0.99), tolerance: 0.05 * perMount.Walks.Latency.Quantile(0.99));
        Assert.True(closed.Events * 10 < perMount.Events, $"{closed.Events} events in closed form against {perMount.Events}");
    }

    [Fact]
    public void TheClosedFormIsTheSameWhateverRunsItTwice()
    {
        var topology = ShippedTopologies.Load("aws-r5.metal");
        var first = Run(topology, MountLoopMode.ClosedForm, 200_000, mntputs: 4, copies: 1);
        var second = Run(topology, MountLoopMode.ClosedForm, 200_000, mntputs: 4, copies: 1);

        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Finished, second.Finished);
        Assert.Equal(first.Lock.WaitTime.Mean, second.Lock.WaitTime.Mean);
        Assert.Equal(first.Walks.Restarts, second.Walks.Restarts);
    }

    private static Outcome Run(Topology topology, MountLoopMode mode, double lookupsPerCpuPerSecond, int mntputs, int copies)
    {
        var simulation = new Simulation(new RandomStreams(1));
        var kernel = new MountKernel(simulation, topology, Loops, new PathWalkParameters(lookupsPerCpuPerSecond, 1_000, 1_000), PathWalkMode.ClosedForm, 3e6, Mounts, mode);
        var finishes = new Finishes(simulation);
        var cpus = PlacementPolicy.Spread.Order(topology);
        var threads = Enumerable.Range(0, mntputs).Select(i => ("mntputs", $"m{i}")).Concat(Enumerable.Range(0, copies).Select(i => ("copy_tree", $"c{i}")));
        foreach (var ((syscall, name), cpu) in threads.Zip(cpus))
        {
            new KernelThread(kernel, ThreadProgram.ForSyscall(syscall, Loops, topology.NrPossibleCpus), cpu.Index, finishes, name).Start();
        }

        simulation.Run();
        kernel.PathWalks.Flush(simulation.Now);
        return new Outcome(finishes.ByName, kernel.MountLock.Statistics, kernel.MountLock.Statistics.Utilization.Mean(simulation.Now), kernel.PathWalks.Statistics, simulation.EventsProcessed);
    }

    private sealed record Outcome(
        Dictionary<string, double> Finished,
        ResourceStatistics Lock,
        double Utilization,
        PathWalkStatistics Walks,
        long Events);

    private sealed class Finishes(Simulation simulation) : IThreadObserver
    {
        public Dictionary<string, double> ByName { get; } = [];

        public void OnFinished(KernelThread thread) => ByName[thread.Name] = simulation.Now;
    }
}
