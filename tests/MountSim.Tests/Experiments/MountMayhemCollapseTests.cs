using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Kernel.Execution;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Hardware;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Experiments;

/// <summary>
/// The collapse (../shared/reference/incident.md 6, items 2, 3, 9 and 10) on a host busy with path lookups: 700 starts
/// of a 50-layer image at once on aws-r5.metal ("hundreds of containers", ../shared/reference/incident.md 1.1; the burst
/// grew from 400 to 700 as issue 12 took out mechanisms the kernel does not have: work stretched
/// inside mount_lock sections, and an rwsem release that never woke a sleeper while spinners came). Per-layer starts each copy a host table that holds
/// every other start's temporary bind mounts into their own namespace and release it again, so the
/// work grows like N x N x L; starts run past the 30 s deadline while lookups spin in path_init.
/// Common-parent starts copy a table of about N mounts and stay inside it with room on every shipped host
/// (12.5 s at most, on the two-socket m7i, against per-layer's 46 s median on r5.metal, seed 1).
/// The starts are the incident's stack (containerd 2.0 with runc 1.2 on cgroup v2), the runtime's own
/// work included; the kernel's mount work alone is in <see cref="MountMayhemDirectionTests"/>.
/// </summary>
public sealed class MountMayhemCollapseTests(MountMayhemCollapseTests.Runs runs) : IClassFixture<MountMayhemCollapseTests.Runs>
{
    /// <summary>Lookups per second per CPU on a host that starting containers keep busy (a fifth of each CPU walking paths).</summary>
    public const double BusyHostPathWalks = 200_000;

    [Fact]
    public void PerLayerStartsFailPastTheDeadlineOnR5Metal()
    {
        var starts = runs.PerLayer.Starts;

        Assert.True(starts.Failed > 0, $"{starts.Failed} of {starts.Containers} failed, slowest {starts.StartLatency.Max / 1e9:F1} s");
    }

    [Fact]
    public void CommonParentStartsNeverFailOnAnyShippedHost()
    {
        foreach (var name in ShippedTopologies.Library.Names)
        {
            var result = ScenarioRunner.Run(Burst(ShippedTopologies.Load(name), "common-parent"), seed: 1);
            Assert.True(result.Starts.Failed == 0, $"{name}: {result.Starts.Failed} failed");
            Assert.True(result.Starts.StartLatency.Max < result.Scenario.DeadlineNs / 2, $"{name}: slowest {result.Starts.StartLatency.Max / 1e6:F0} ms");
        }
    }

    [Fact]
    public void InTheCollapseSpinningIsMostOfTheBusyCpuTime()
    {
        var time = runs.PerLayer.Kernel.ThreadTime;
        var spinning = time[(int)ThreadActivity.SpinMountLock] + time[(int)ThreadActivity.SpinNamespaceSem];
        var busy = spinning + time[(int)ThreadActivity.Work];
        var lookups = runs.PerLayer.Kernel.PathWalks.Statistics;

        Assert.True(spinning > 0.5 * busy, $"spinning {spinning / busy:P0} of the runtime threads' busy time");
        Assert.True(lookups.SpinCpuNs > time[(int)ThreadActivity.Work], $"lookups spun {lookups.SpinCpuNs / 1e9:F1} CPU-s, mount work {time[(int)ThreadActivity.Work] / 1e9:F1} s");
    }

    [Fact]
    public void PathWalkTailGrowsWithPerLayerChurnFarMoreThanWithCommonParent()
    {
        var idle = ScenarioRunner.Run(Burst(ShippedTopologies.Load("aws-r5.metal"), "common-parent") with { Containers = 1 }, seed: 1);
        var commonParent = ScenarioRunner.Run(Burst(ShippedTopologies.Load("aws-r5.metal"), "common-parent"), seed: 1);
        double P99(ScenarioResult r) => r.Kernel.PathWalks.Statistics.Latency.Quantile(0.99);

        Assert.True(P99(runs.PerLayer) > 100 * P99(idle), $"per-layer p99 {P99(runs.PerLayer) / 1e3:F0} us, idle {P99(idle) / 1e3:F1} us");
        // 8.7x at seed 1 (217 us against 25 us): since mountinfo lines list an overlay's lowerdirs (audit item 9) the
        // health probes' and systemd's reads hold namespace_sem for reading for longer, which spaces out per-layer's
        // write sections; before, 10x and more.
        Assert.True(P99(runs.PerLayer) > 5 * P99(commonParent), $"per-layer p99 {P99(runs.PerLayer) / 1e3:F0} us, common-parent {P99(commonParent) / 1e3:F0} us");
    }

    [Fact]
    public void AtTheIncidentsScaleR5MetalIsWorstM7aBestAndOneOfItsSocketsBeatsBoth()
    {
        double Mean(MountSim.Hardware.Topology topology) => ScenarioRunner.Run(Burst(topology, "per-layer"), seed: 1).Starts.StartLatency.Mean;
        var r5 = runs.PerLayer.Starts.StartLatency.Mean;
        var oneSocket = Mean(ShippedTopologies.Load("aws-r5.metal").With(new MountSim.Hardware.TopologyOverrides(false, 1)));
        var m7i = Mean(ShippedTopologies.Load("aws-m7i.metal-24xl"));
        var m7a = Mean(ShippedTopologies.Load("aws-m7a.24xlarge"));

        // ../shared/reference/incident.md 6, items 4 and 7, with the runtime's own work on: r5 44 s, m7i 43 s, m7a 27 s, r5 on one socket
        // 12 s at seed 1 (SMT off: m7i 31 s, r5 25 s; the SMT direction is tested at N = 300 in MountMayhemDirectionTests).
        Assert.True(r5 > m7i && m7i > m7a, $"r5 {r5 / 1e6:F0} ms, m7i {m7i / 1e6:F0} ms, m7a {m7a / 1e6:F0} ms");
        Assert.True(oneSocket < r5, $"r5 one socket {oneSocket / 1e6:F0} ms, two {r5 / 1e6:F0} ms");
    }

    /// <summary>The incident's burst on a busy host; <paramref name="runtime"/> null is the incident's stack.</summary>
    internal static Scenario Burst(MountSim.Hardware.Topology topology, string strategy, int containers = 700, RuntimeProfile? runtime = null) => new()
    {
        Topology = topology,
        Kernel = Kernel,
        Strategy = MountStrategyLibrary.Load(strategy, Kernel),
        Runtime = runtime ?? Runtime,
        Containers = containers,
        Layers = Distribution.Constant(50),
        PathWalksPerCpuPerSecond = BusyHostPathWalks,
    };

    private static readonly KernelProfile Kernel = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    /// <summary>The incident's stack, the default a user gets: issue 4's directions must hold with the runtime's own work on.</summary>
    private static readonly RuntimeProfile Runtime = RuntimeProfileLibrary.Load(RuntimeProfileLibrary.DefaultName, Kernel);

    /// <summary>The expensive run the tests share: per-layer, 700 x 50, aws-r5.metal, seed 1.</summary>
    public sealed class Runs
    {
        public ScenarioResult PerLayer { get; } = ScenarioRunner.Run(Burst(ShippedTopologies.Load("aws-r5.metal"), "per-layer"), seed: 1);
    }
}
