using System.Collections.Immutable;
using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Kernel;
using MountSim.Kernel.Execution;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Kernel.Execution;

/// <summary>Threads of userspace work on a small mesh (one LLC domain), 3 ms slices: who runs where and when each is done.</summary>
public sealed class CpuSchedulerTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    [Fact]
    public void PinnedThreadsTakeTurnsASliceAtATime()
    {
        // 3 ms slices in turn: the first is done at 19 ms, the second at 20 ms.
        Assert.Equal([19e6, 20e6], Run(4, (0, 10e6, null), (0, 10e6, null)));
    }

    [Fact]
    public void AThreadThatMayMoveWakesOnAnIdleCpuOfItsLlcDomain()
    {
        Assert.Equal([10e6, 10e6], Run(4, (0, 10e6, [true, true, true, true]), (0, 10e6, [true, true, true, true])));
    }

    [Fact]
    public void AThreadNeverMovesWhereItsAffinityForbids()
    {
        Assert.Equal([19e6, 20e6], Run(4, (0, 10e6, [true, false, false, false]), (0, 10e6, [true, false, false, false])));
    }

    [Fact]
    public void ACpuLeftIdleTakesAThreadWaitingOnAnother()
    {
        // Both CPUs busy when the third thread comes; CPU 1 frees at 1 ms and takes it from CPU 0's queue.
        bool[] any = [true, true];
        Assert.Equal([1e6, 10e6, 11e6], Run(2, (0, 10e6, any), (1, 1e6, any), (0, 10e6, any)));
    }

    private static List<double> Run(int cpus, params (int Cpu, double WorkNs, bool[]? Affinity)[] threads)
    {
        var noPasses = MountStrategyLibrary.Load("common-parent", Profile) with { Passes = [] };
        var simulation = new Simulation(new RandomStreams(1));
        var kernel = new MountKernel(simulation, Support.SyntheticTopologies.Mesh(cpus), Profile, new PathWalkParameters(0, 1_000, 0), PathWalkMode.ClosedForm, 3e6, baseMounts: 0);
        var observer = new Finishes(simulation);
        foreach (var (thread, i) in threads.Select((t, i) => (t, i)))
        {
            var work = new RuntimeProfile("work", string.Empty, string.Empty, [new RuntimePhase("work", string.Empty, [new UserspaceWork(thread.WorkNs, 1)])], ImmutableDictionary<string, string>.Empty);
            var program = ThreadProgram.ForContainerStart(noPasses, work, Profile, layers: 1, nrPossibleCpus: cpus);
            new KernelThread(kernel, program, thread.Cpu, observer, $"thread-{i}", thread.Affinity).Start();
        }

        simulation.Run();
        return observer.Times;
    }

    private sealed class Finishes(Simulation simulation) : IThreadObserver
    {
        public List<double> Times { get; } = [];

        public void OnFinished(KernelThread thread) => Times.Add(simulation.Now);
    }
}
