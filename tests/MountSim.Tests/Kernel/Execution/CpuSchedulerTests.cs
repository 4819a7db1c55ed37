using System.Collections.Immutable;
using System.Globalization;
using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Kernel;
using MountSim.Kernel.Execution;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;
using MountSim.Workload;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Kernel.Execution;

/// <summary>Threads of userspace work and lock sections on a small mesh (one LLC domain), 3 ms slices: who runs where and when each is done.</summary>
public sealed class CpuSchedulerTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    /// <summary>The shipped parameters (a 5 us rwsem wake-up) and two calls: 100 us holding namespace_sem for write, or mount_lock.</summary>
    private static readonly KernelProfile Sections = new(
        "sections",
        string.Empty,
        string.Empty,
        Profile.ParameterList,
        [
            new SyscallRecipe("ns_write_100us", string.Empty, [new NamespaceWriteStep([new CpuStep(100e3)])]),
            new SyscallRecipe("mount_lock_100us", string.Empty, [new MountLockWriteStep([new CpuStep(100e3)])]),
        ],
        ImmutableDictionary<string, string>.Empty);

    private static readonly RuntimeSyscall NsWrite = new("ns_write_100us", 1);

    private static readonly RuntimeSyscall MountLockWrite = new("mount_lock_100us", 1);

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

    [Fact]
    public void AThreadWokenWhereAWriterSpinsOnNamespaceSemRunsAtOnceAndTheSpinnerSleeps()
    {
        // The owner holds namespace_sem on CPU 0; the newcomer at 20 us sets need_resched on CPU 1, whose spinner
        // sleeps and takes the lock after the owner once woken (5 us).
        var (finished, kernel) = RunSteps(2, (0, 0, [NsWrite]), (1, 0, [NsWrite]), (1, 20_000, [Userspace(10e3)]));

        Assert.InRange(finished[2], 30e3, 30.5e3);
        Assert.Equal(1, kernel.NamespaceSemaphore.Sleeps);
        Assert.InRange(finished[1], finished[0] + 105e3, finished[0] + 106e3);
    }

    [Fact]
    public void AWriterSpinningOnNamespaceSemKeepsItsCpuWhileNobodyWaitsForIt()
    {
        // The newcomer waits for the owner's CPU, not the spinner's: the spinner takes the lock as the owner leaves.
        var (finished, kernel) = RunSteps(2, (0, 0, [NsWrite]), (1, 0, [NsWrite]), (0, 20_000, [Userspace(10e3)]));

        Assert.Equal(0, kernel.NamespaceSemaphore.Sleeps);
        Assert.InRange(finished[1], finished[0] + 100e3, finished[0] + 101e3);
        Assert.InRange(finished[2], finished[0] + 10e3, finished[0] + 10.5e3);
    }

    [Fact]
    public void AWriterDoesNotSpinOnNamespaceSemWhenAThreadWokeOnItsCpuMeanwhile()
    {
        // The newcomer queues at 20 us behind the writer's userspace work; need_resched is still set at 30 us, so down_write sleeps.
        var (finished, kernel) = RunSteps(2, (0, 0, [NsWrite]), (1, 0, [Userspace(30e3), NsWrite]), (1, 20_000, [Userspace(10e3)]));

        Assert.InRange(finished[2], 40e3, 40.5e3);
        Assert.Equal(0, kernel.NamespaceSemaphore.SpinNs);
    }

    [Fact]
    public void NeedReschedClearsWhenTheCpuSwitchesThreads()
    {
        // The writer queued behind 10 us of work and got the CPU when it ended: nobody has waited for it since, so it spins.
        var (_, kernel) = RunSteps(2, (0, 0, [NsWrite]), (1, 0, [Userspace(10e3)]), (1, 0, [NsWrite]));

        Assert.Equal(0, kernel.NamespaceSemaphore.Sleeps);
        Assert.InRange(kernel.NamespaceSemaphore.SpinNs, 89e3, 91e3);
    }

    [Fact]
    public void AThreadSpinningOnMountLockKeepsItsCpuWhenAnotherWaitsForIt()
    {
        // spin_lock disables preemption: the newcomer runs once the spinner has had the lock and finished.
        var (finished, _) = RunSteps(2, (0, 0, [MountLockWrite]), (1, 0, [MountLockWrite]), (1, 20_000, [Userspace(10e3)]));

        Assert.InRange(finished[2], finished[1] + 10e3, finished[1] + 10.5e3);
    }

    private static UserspaceWork Userspace(double ns) => new(ns, 1);

    /// <summary>Pinned threads of <see cref="Sections"/>' calls and userspace work, each started at its time: when each finished, and the kernel.</summary>
    private static (double[] Finished, MountKernel Kernel) RunSteps(int cpus, params (int Cpu, long StartNs, RuntimeStep[] Steps)[] threads)
    {
        var simulation = new Simulation(new RandomStreams(1));
        var kernel = new MountKernel(simulation, Support.SyntheticTopologies.Mesh(cpus), Sections, new PathWalkParameters(0, 1_000, 0), PathWalkMode.ClosedForm, 3e6, baseMounts: 0);
        var observer = new Finishes(simulation);
        foreach (var (thread, i) in threads.Select((t, i) => (t, i)))
        {
            var steps = new RuntimeProfile("steps", string.Empty, string.Empty, [new RuntimePhase("steps", string.Empty, [.. thread.Steps])], ImmutableDictionary<string, string>.Empty);
            var program = ContainerStartProgram.Build(NoPasses(), steps, Sections, layers: 1, nrPossibleCpus: cpus);
            _ = new StartAt(simulation, thread.StartNs, new KernelThread(kernel, program, thread.Cpu, observer, i.ToString(CultureInfo.InvariantCulture)));
        }

        simulation.Run();
        return ([.. threads.Select((_, i) => observer.ByName[i.ToString(CultureInfo.InvariantCulture)])], kernel);
    }

    private static MountStrategy NoPasses() => MountStrategyLibrary.Load("common-parent", Profile) with { Passes = [] };

    private static List<double> Run(int cpus, params (int Cpu, double WorkNs, bool[]? Affinity)[] threads)
    {
        var noPasses = NoPasses();
        var simulation = new Simulation(new RandomStreams(1));
        var kernel = new MountKernel(simulation, Support.SyntheticTopologies.Mesh(cpus), Profile, new PathWalkParameters(0, 1_000, 0), PathWalkMode.ClosedForm, 3e6, baseMounts: 0);
        var observer = new Finishes(simulation);
        foreach (var (thread, i) in threads.Select((t, i) => (t, i)))
        {
            var work = new RuntimeProfile("work", string.Empty, string.Empty, [new RuntimePhase("work", string.Empty, [new UserspaceWork(thread.WorkNs, 1)])], ImmutableDictionary<string, string>.Empty);
            var program = ContainerStartProgram.Build(noPasses, work, Profile, layers: 1, nrPossibleCpus: cpus);
            new KernelThread(kernel, program, thread.Cpu, observer, $"thread-{i}", thread.Affinity).Start();
        }

        simulation.Run();
        return observer.Times;
    }

    private sealed class Finishes(Simulation simulation) : IThreadObserver
    {
        public List<double> Times { get; } = [];

        public Dictionary<string, double> ByName { get; } = [];

        public void OnFinished(KernelThread thread)
        {
            Times.Add(simulation.Now);
            ByName[thread.Name] = simulation.Now;
        }
    }

    /// <summary>Starts a thread at a given time.</summary>
    private sealed class StartAt : IEventTarget
    {
        private readonly KernelThread _thread;

        public StartAt(Simulation simulation, long time, KernelThread thread)
        {
            _thread = thread;
            simulation.Schedule(time, simulation.Register(this));
        }

        public void OnEvent(int tag) => _thread.Start();
    }
}
