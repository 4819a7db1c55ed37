using System.Collections.Immutable;
using MountSim.Engine.Distributions;
using MountSim.Engine.Statistics;
using MountSim.Experiments;
using MountSim.Hardware;
using MountSim.Kernel.Execution;
using MountSim.Kernel.Profiles;
using MountSim.Workload;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Calibration;

/// <summary>
/// What one harness setup is in the simulator: the <c>rootfs</c> pass of the shipped strategy, then the
/// overlay's unmount, on a quiet host (no background lookups, watchers or probes), as the harness runs it.
/// </summary>
public static class HarnessSetup
{
    /// <summary>The pass of a shipped strategy the harness repeats.</summary>
    public const string MeasuredPass = "rootfs";

    /// <summary>The syscall that undoes a setup.</summary>
    public const string Teardown = "umount_overlay";

    /// <exception cref="InvalidOperationException">The shipped strategy has no rootfs pass.</exception>
    public static MountStrategy Strategy(string strategy, KernelProfile profile)
    {
        var shipped = MountStrategyLibrary.Load(strategy, profile);
        var pass = shipped.Passes.FirstOrDefault(p => p.Name == MeasuredPass)
            ?? throw new InvalidOperationException($"Strategy '{strategy}' has no '{MeasuredPass}' pass for the harness to repeat.");
        var setup = pass with { Teardown = [.. pass.Teardown, new SyscallInvocation(Teardown)] };
        return shipped with { Name = $"{shipped.Name} ({MeasuredPass} + {Teardown})", Passes = [setup] };
    }

    /// <summary>
    /// The harness's configuration as a scenario: its threads pinned to the CPUs the harness pinned them to
    /// when the file says which and <paramref name="topology"/> has them (two on one core's siblings is what
    /// shows the SMT slowdown), spread otherwise.
    /// </summary>
    public static Scenario Scenario(MeasuredConfiguration configuration, KernelProfile profile, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(topology);
        var pinned = configuration.Cpus is { Count: > 0 } cpus && cpus.All(cpu => topology.Threads.Any(t => t.OsCpu == cpu))
            ? PlacementPolicy.Parse("cpus:" + string.Join(',', cpus))
            : PlacementPolicy.Spread;
        return new Scenario
        {
            Placement = pinned,
            Topology = topology,
            Kernel = profile,
            Strategy = Strategy(configuration.Strategy, profile),
            Containers = configuration.Setups,
            Concurrency = configuration.Threads,
            Layers = Distribution.Constant(configuration.Layers),
            PathWalksPerCpuPerSecond = 0,
            MountinfoWatchers = 0,
            HealthProbes = HealthProbeSettings.None,
        };
    }

    /// <summary>
    /// The harness's calls that time one recipe of the model each, by harness name: a call of the same
    /// name (<c>close</c> stands for the pass's one <c>close_*</c> recipe) made as many times per setup as
    /// the model's pass makes it. A name the harness uses for several things (detached-fds closes its tree
    /// fds and its fsopen and fsmount fds alike) matches no recipe and tells the fit nothing.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MeasuredRecipes(MeasuredConfiguration configuration, KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(profile);
        var perSetup = ContainerStartProgram.Build(Strategy(configuration.Strategy, profile), profile, configuration.Layers, nrPossibleCpus: 1)
            .Calls.CountBy(c => c).ToDictionary(StringComparer.Ordinal);
        string? RecipeOf(string call) =>
            perSetup.ContainsKey(call) ? call
            : call == "close" && perSetup.Keys.Where(r => r.StartsWith("close_", StringComparison.Ordinal)).ToList() is [var close] ? close
            : null;
        var recipes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (call, latency) in configuration.SyscallLatencyUs)
        {
            if (RecipeOf(call) is { } recipe && latency.Count == (long)perSetup[recipe] * configuration.Setups)
            {
                recipes[call] = recipe;
            }
        }

        return recipes;
    }

    /// <summary>
    /// The harness's own time per setup between its timed calls (directories, option strings, the timing
    /// itself), in microseconds: the mean setup minus every timed call's mean times its calls per setup
    /// (means add up exactly). The model times kernel work only, so a prediction of the harness's setup
    /// adds this measured figure. Zero when the file has no per-call timings.
    /// </summary>
    public static double UserSpaceUs(MeasuredConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.SyscallLatencyUs.Count == 0 || configuration.Setups == 0)
        {
            return 0;
        }

        var inCalls = configuration.SyscallLatencyUs.Values.Sum(s => s.Mean * s.Count) / configuration.Setups;
        return Math.Max(0, configuration.SetupLatencyUs.Mean - inCalls);
    }

    /// <summary>
    /// What the model predicts the harness measured: each configuration's simulated setups with
    /// <paramref name="profile"/>'s costs, plus the harness's own time between calls (<see cref="UserSpaceUs"/>),
    /// and each call's latency by recipe name.
    /// </summary>
    public static IReadOnlyList<SimulatedSetups> Predict(IReadOnlyList<MeasuredConfiguration> configurations, IReadOnlyList<Scenario> scenarios, KernelProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        return [.. configurations.Zip(SimulateAll(scenarios, profile, seed), (c, simulated) =>
        {
            var userSpace = UserSpaceUs(c);
            var setup = simulated.SetupUs;
            return simulated with { SetupUs = setup with { P50 = setup.P50 + userSpace, P99 = setup.P99 + userSpace, Mean = setup.Mean + userSpace } };
        })];
    }

    /// <summary>The simulated setups of a harness scenario and each call's latency, in microseconds as the harness reports them.</summary>
    public static SimulatedSetups Simulate(Scenario scenario, ulong seed)
    {
        var result = ScenarioRunner.Run(scenario, seed);
        return new SimulatedSetups(
            Microseconds(result.Starts.SetupTime),
            result.Kernel.CallLatency.ToDictionary(c => c.Key, c => Microseconds(c.Value), StringComparer.Ordinal));
    }

    /// <summary>Each scenario with <paramref name="profile"/>'s costs, in parallel (each run is deterministic on its own seed).</summary>
    public static IReadOnlyList<SimulatedSetups> SimulateAll(IReadOnlyList<Scenario> scenarios, KernelProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var results = new SimulatedSetups[scenarios.Count];
        Parallel.For(0, scenarios.Count, i => results[i] = Simulate(scenarios[i] with { Kernel = profile }, seed));
        return ImmutableArray.Create(results);
    }

    /// <summary>The strategy's container pass (runc's namespace work), which a runtime places.</summary>
    public const string ContainerPass = "container";

    /// <summary>The pass and phase that unmount the root once the container is done, as the harness does.</summary>
    public const string TeardownPass = "teardown";

    /// <summary>
    /// A harness container start in the simulator: the strategy's rootfs pass, then <paramref name="runtime"/>'s
    /// phases (which place the strategy's container pass), then the root's unmount; on a quiet host whose
    /// table holds what the harness's did. A burst is its threads starting at once, unpinned (spread), as
    /// many bursts as the harness ran; otherwise one thread after another, pinned as the harness's was.
    /// </summary>
    public static IReadOnlyList<Scenario> RuntimeScenarios(MeasuredConfiguration configuration, KernelProfile profile, RuntimeProfile runtime, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(runtime);
        var shipped = MountStrategyLibrary.Load(configuration.Strategy, profile);
        var rootfs = shipped.Passes.First(p => p.Name == MeasuredPass) with { Teardown = [] };
        var strategy = shipped with
        {
            Name = $"{shipped.Name} ({MeasuredPass}, {runtime.Name}, {Teardown})",
            Passes = [rootfs, .. shipped.Passes.Where(p => p.Name == ContainerPass), new StrategyPass(TeardownPass, "the harness unmounts the root", [new SyscallInvocation(Teardown)], [])],
        };
        var withTeardown = runtime with { Phases = [.. runtime.Phases, new RuntimePhase(TeardownPass, "the root's unmount", [new StrategyPasses([TeardownPass])])] };
        var single = Scenario(configuration, profile, topology) with
        {
            Strategy = strategy,
            Runtime = withTeardown,
            BaseMounts = configuration.MountinfoLines,
        };
        if (!configuration.Burst)
        {
            return [single];
        }

        var bursts = Math.Max(1, configuration.Setups / configuration.Threads);
        return [.. Enumerable.Repeat(single with { Placement = PlacementPolicy.Spread, Containers = configuration.Threads, Concurrency = configuration.Threads }, bursts)];
    }

    /// <summary>
    /// What the model gives for a harness configuration run with a container runtime: its starts' latency
    /// (from the release, in a burst) and each runtime phase's, by phase name, over all its scenarios (one
    /// seed each, from <paramref name="seed"/> on).
    /// </summary>
    public static SimulatedSetups SimulateRuntime(IReadOnlyList<Scenario> scenarios, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var starts = new Histogram();
        var phases = new Dictionary<string, Histogram>(StringComparer.Ordinal);
        for (var i = 0; i < scenarios.Count; i++)
        {
            var result = ScenarioRunner.Run(scenarios[i], seed + (ulong)i);
            starts.Merge(result.Starts.StartLatency);
            foreach (var (name, latency) in result.Kernel.PhaseLatency)
            {
                if (!phases.TryGetValue(name, out var merged))
                {
                    phases[name] = merged = new Histogram();
                }

                merged.Merge(latency);
            }
        }

        return new SimulatedSetups(Microseconds(starts), phases.ToDictionary(p => p.Key, p => Microseconds(p.Value), StringComparer.Ordinal));
    }

    private static LatencySummary Microseconds(Histogram ns) => new(ns.Quantile(0.5) / 1e3, ns.Quantile(0.99) / 1e3, ns.Mean / 1e3, ns.Count, ns.Quantile(0.9) / 1e3);
}
