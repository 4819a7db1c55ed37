using System.Collections.Immutable;
using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Kernel.Execution;
using MountSim.Kernel.Profiles;
using MountSim.Workload;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Workload.Runtimes;

/// <summary>A start as a runtime makes it: where the strategy's passes go, and what the runtime's own steps cost.</summary>
public sealed class RuntimeProgramTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);
    private static readonly MountStrategy CommonParent = MountStrategyLibrary.Load("common-parent", Profile);

    [Fact]
    public void PassesTheRuntimeDoesNotPlaceRunFirstAndItsOwnWhereItSays()
    {
        var runtime = Runtime(new RuntimePhase("create", string.Empty, [new UserspaceWork(1e6, 1), new StrategyPasses(["container"]), new MountTableRead(1e3, 2)]));

        var program = ContainerStartProgram.Build(CommonParent, runtime, Profile, layers: 3, nrPossibleCpus: 2);
        var none = ContainerStartProgram.Build(CommonParent, Profile, layers: 3, nrPossibleCpus: 2);

        Assert.Equal([.. none.Calls, "mountinfo_read", "mountinfo_read"], program.Calls);
        Assert.Equal(["create"], program.Phases);
        Assert.Equal(OpKind.PhaseBegin, program.Ops.First(op => op.Kind is OpKind.PhaseBegin or OpKind.UserspaceCpu).Kind);
        var containerPass = CommonParent.Passes.Single(p => p.Name == "container").Syscalls.Cast<SyscallInvocation>().Select(s => s.Syscall);
        Assert.Equal([.. containerPass, "mountinfo_read", "mountinfo_read"], program.Calls.Skip(none.Calls.Count() - containerPass.Count()));
    }

    [Fact]
    public void APassTheStrategyDoesNotHaveIsNotMade()
    {
        var onePass = CommonParent with { Passes = [CommonParent.Passes.Single(p => p.Name == "rootfs")] };
        var runtime = Runtime(new RuntimePhase("create", string.Empty, [new StrategyPasses(["spec"]), new UserspaceWork(1e6, 1)]));

        var program = ContainerStartProgram.Build(onePass, runtime, Profile, 3, 2);

        Assert.Equal(ContainerStartProgram.Build(onePass, Profile, 3, 2).Calls, program.Calls);
    }

    [Fact]
    public void UserspaceWorkAddsItsTimeToAStartAndItsPhase()
    {
        var work = Runtime(new RuntimePhase("create", string.Empty, [new UserspaceWork(10e6, 2)]));

        var without = ScenarioRunner.Run(Start(RuntimeProfile.None, containers: 1, baseMounts: 40), seed: 1);
        var with = ScenarioRunner.Run(Start(work, containers: 1, baseMounts: 40), seed: 1);

        Assert.Equal(without.Starts.StartLatency.Mean + 20e6, with.Starts.StartLatency.Mean, 1e-3 * 20e6);
        Assert.Equal(20e6, with.Kernel.PhaseLatency["create"].Mean, 1e-3 * 20e6);
        Assert.Empty(without.Kernel.PhaseLatency);
    }

    [Fact]
    public void ATableReadCostsItsParsingPerLineOfTheTableItReads()
    {
        var read = Runtime(new RuntimePhase("create", string.Empty, [new MountTableRead(2e3, 1)]));
        double Phase(int mounts) => ScenarioRunner.Run(Start(read, containers: 1, baseMounts: mounts), seed: 1).Kernel.PhaseLatency["create"].Mean;

        var grown = Phase(1040) - Phase(40);

        // 1,000 more lines: 2 us each to parse, plus the kernel's formatting (mountinfo_per_line, 1.1 us).
        Assert.Equal(1000 * (2e3 + Profile.Parameters.MountinfoPerLineNs), grown, 0.02 * grown);
    }

    [Fact]
    public void TheShippedRuntimesLoadAndTheDefaultIsTheIncidentsStack()
    {
        Assert.Equal(["none", "containerd-1.7", "containerd-2.0", "runc-1.1", "runc-1.2"], RuntimeProfileLibrary.Names);
        var stack = RuntimeProfileLibrary.Load(RuntimeProfileLibrary.DefaultName, Profile);

        Assert.Equal(["containerd_create", "shim_start", "runc_create", "runc_start"], stack.Phases.Select(p => p.Name));
        Assert.Equal(["spec", "rootfs", "container"], stack.PlacedPasses);

        // containerd 2.0 ships runc 1.2, which reads no mountinfo on a cgroup v2 host; runc 1.1 on cgroup v1 reads it 6 times per start.
        Assert.Equal(0, stack.Phases.Sum(p => p.TableReads));
        Assert.Equal(6, RuntimeProfileLibrary.Load("runc-1.1", Profile).Phases.Sum(p => p.TableReads));

        // containerd 1.7 runs runc 1.1's create and start: 4 reads in create, 1 in start.
        Assert.Equal(5, RuntimeProfileLibrary.Load("containerd-1.7", Profile).Phases.Sum(p => p.TableReads));
        Assert.All(RuntimeProfileLibrary.Names.Select(n => RuntimeProfileLibrary.Load(n, Profile)), r => Assert.Empty(Start(r, 1, 40).Problems()));
    }

    private static RuntimeProfile Runtime(params RuntimePhase[] phases) =>
        new("test", string.Empty, string.Empty, [.. phases], ImmutableDictionary<string, string>.Empty);

    private static Scenario Start(RuntimeProfile runtime, int containers, int baseMounts) => new()
    {
        Topology = Support.SyntheticTopologies.Mesh(4),
        Kernel = Profile,
        Strategy = CommonParent,
        Runtime = runtime,
        Containers = containers,
        Layers = Distribution.Constant(3),
        PathWalksPerCpuPerSecond = 0,
        MountinfoWatchers = 0,
        HealthProbes = HealthProbeSettings.None,
        BaseMounts = baseMounts,
    };
}
