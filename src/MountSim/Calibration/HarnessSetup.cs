using System.Collections.Immutable;
using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Workload;
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

    public static Scenario Scenario(MeasuredConfiguration configuration, KernelProfile profile, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Scenario
        {
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

    /// <summary>The simulated setup latency of a harness scenario, in microseconds as the harness reports it.</summary>
    public static LatencySummary Simulate(Scenario scenario, ulong seed)
    {
        var latency = ScenarioRunner.Run(scenario, seed).Starts.SetupTime;
        return new LatencySummary(latency.Quantile(0.5) / 1e3, latency.Quantile(0.99) / 1e3, latency.Mean / 1e3, latency.Count);
    }

    /// <summary>Each scenario with <paramref name="profile"/>'s costs, in parallel (each run is deterministic on its own seed).</summary>
    public static IReadOnlyList<LatencySummary> SimulateAll(IReadOnlyList<Scenario> scenarios, KernelProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var results = new LatencySummary[scenarios.Count];
        Parallel.For(0, scenarios.Count, i => results[i] = Simulate(scenarios[i] with { Kernel = profile }, seed));
        return ImmutableArray.Create(results);
    }
}
