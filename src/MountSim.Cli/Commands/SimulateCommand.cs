using System.CommandLine;
using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Experiments.Export;
using MountSim.Hardware;
using MountSim.Kernel.Loops;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;
using MountSim.Workload;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim simulate</c>: one burst of container starts on one host, summarized.</summary>
public static class SimulateCommand
{
    public static Command Build()
    {
        var topology = new Option<string>("--topology") { Description = "A shipped topology's name or a YAML file.", Required = true };
        var containers = CliOptions.PositiveInt("--containers", "Container starts in the burst.", 100);
        var layers = new Option<string>("--layers") { Description = "Image layers per container: a number, or a distribution drawn per container (uniform:20:80, lognormal:MEAN:SD, empirical:10,30,55, ...).", DefaultValueFactory = _ => "50" };
        var strategy = new Option<string>("--strategy") { Description = "Mount strategy: a shipped name (per-layer, common-parent, ...) or a YAML file.", DefaultValueFactory = _ => "per-layer" };
        var smt = new Option<string?>("--smt") { Description = "Variant: 'off' keeps one thread per core." };
        smt.AcceptOnlyFromAmong("on", "off");
        var sockets = new Option<int?>("--sockets") { Description = "Variant: keep only the first N sockets." };
        var kernel = new Option<string?>("--kernel") { Description = $"Kernel profile: a shipped name or a YAML file (default {KernelProfileLibrary.DefaultName})." };
        var runtime = new Option<string>("--runtime") { Description = $"Container runtime around the mounts: {string.Join(", ", RuntimeProfileLibrary.Names)} or a YAML file; none is the kernel's mount work alone.", DefaultValueFactory = _ => RuntimeProfileLibrary.DefaultName };
        var arrivals = new Option<string>("--arrivals") { Description = "When starts arrive: burst, poisson:RATE (per second), interval:DURATION or ramp:DURATION.", DefaultValueFactory = _ => "burst" };
        var concurrency = new Option<int?>("--concurrency") { Description = "The runtime's limit on starts in flight (default: all at once)." };
        var placement = new Option<string>("--placement") { Description = "Runtime threads onto hardware threads: spread, pack, one-socket, no-smt or cpus:LIST.", DefaultValueFactory = _ => "spread" };
        var walks = new Option<double>("--path-walks") { Description = "Background path lookups per second per CPU.", DefaultValueFactory = _ => Scenario.DefaultPathWalksPerCpuPerSecond };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the run.", DefaultValueFactory = _ => 42 };
        var walkMode = new Option<string>("--path-walk-mode") { Description = "Background lookups in 'closed-form' (any size) or 'per-lookup' (one event each: small cases, checks).", DefaultValueFactory = _ => "closed-form" };
        walkMode.AcceptOnlyFromAmong("closed-form", "per-lookup");
        var loops = new Option<string>("--mount-loops") { Description = "The kernel's loops over every mount of the table (copy_tree, the detached tree's mntputs) in 'closed-form' (a few events each) or 'per-mount' (every round: checks).", DefaultValueFactory = _ => Scenario.DefaultMountLoops == MountLoopMode.PerMount ? "per-mount" : "closed-form" };
        loops.AcceptOnlyFromAmong("closed-form", "per-mount");
        var propagation = new Option<string>("--propagation") { Description = "Whether the runtime's directories are 'private' or 'shared' (each mount and umount there then copied into every container namespace in flight, between runc's copy of the table and its detach of the old root).", DefaultValueFactory = _ => "private" };
        propagation.AcceptOnlyFromAmong("private", "shared");
        var serviceNamespaces = new Option<int>("--service-namespaces") { Description = "The host's own namespaces that are slaves of its root (systemd services'): with --propagation shared each mount is copied into them too; see lsns -t mnt.", DefaultValueFactory = _ => 0 };
        var wakeBalance = new Option<string>("--wake-balance") { Description = "'on': a start's thread that wakes to a busy CPU runs on an idle one of its LLC domain, and idle CPUs take waiting threads (Linux's wake-up and newidle balancing); 'off': each stays where its placement put it.", DefaultValueFactory = _ => "on" };
        wakeBalance.AcceptOnlyFromAmong("on", "off");
        var hostThreads = new Option<int>("--host-threads") { Description = "Threads on the host before the burst, which each pivot_root walks (1,000: a 96-CPU node).", DefaultValueFactory = _ => Scenario.DefaultHostThreads };
        var containerThreads = new Option<int>("--container-threads") { Description = "Threads each start adds to the host and keeps (its shim and its processes).", DefaultValueFactory = _ => Scenario.DefaultContainerThreads };
        var watchers = new Option<int>("--watchers") { Description = "mountinfo pollers that re-read the whole table on every mount event (1: systemd).", DefaultValueFactory = _ => 1 };
        var watcherRateLimit = new Option<string>("--watcher-rate-limit") { Description = "How often a watcher may re-read: BURST/INTERVAL (systemd's 5/1s) or none (every event, systemd before v249).", DefaultValueFactory = _ => "5/1s" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (fields in README.md)." };
        var stopWhen = new Option<string[]>("--stop-when")
        {
            Description = $"Stop the run as soon as this is certain ({MetricCondition.Syntax}; start-latency and failure metrics with > or >=); repeatable, the first certain one stops it.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command(
            "simulate",
            "Simulate a burst of container starts building idmapped overlay roots on one host: start latency, " +
            "failures past the 30 s deadline, lock contention, CPU time by state, collateral path-walk latency.")
        {
            topology, containers, layers, strategy, runtime, smt, sockets, kernel, arrivals, concurrency, placement, walks, walkMode, loops, propagation, serviceNamespaces, wakeBalance, hostThreads, containerThreads, watchers, watcherRateLimit, seed, json, stopWhen,
        };
        command.Subcommands.Add(LockBenchCommand.Build());
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var scenario = ScenarioInput.Build(
                () =>
                {
                    var profile = KernelProfileLibrary.Resolve(parse.GetValue(kernel));
                    return new Scenario
                    {
                        Topology = TopologyLibrary.Resolve(parse.GetValue(topology)!, TopologyLibrary.Find())
                            .With(new TopologyOverrides(parse.GetValue(smt) == "off", parse.GetValue(sockets))),
                        Kernel = profile,
                        Strategy = MountStrategyLibrary.Resolve(parse.GetValue(strategy)!, profile),
                        Runtime = RuntimeProfileLibrary.Resolve(parse.GetValue(runtime)!, profile),
                        Containers = parse.GetValue(containers),
                        Layers = DistributionSyntax.Parse(parse.GetValue(layers)!),
                        Arrivals = ArrivalPattern.Parse(parse.GetValue(arrivals)!),
                        Concurrency = parse.GetValue(concurrency),
                        Placement = PlacementPolicy.Parse(parse.GetValue(placement)!),
                        PathWalksPerCpuPerSecond = parse.GetValue(walks),
                        PathWalkMode = parse.GetValue(walkMode) == "per-lookup" ? PathWalkMode.PerLookup : PathWalkMode.ClosedForm,
                        MountLoops = parse.GetValue(loops) == "per-mount" ? MountLoopMode.PerMount : MountLoopMode.ClosedForm,
                        MountinfoWatchers = parse.GetValue(watchers),
                        MountinfoWatcherRateLimit = WatcherRateLimit.Parse(parse.GetValue(watcherRateLimit)!),
                        PropagatesToContainers = parse.GetValue(propagation) == "shared",
                        ServiceNamespaces = parse.GetValue(serviceNamespaces),
                        WakeBalance = parse.GetValue(wakeBalance) == "on",
                        HostThreads = parse.GetValue(hostThreads),
                        ContainerThreads = parse.GetValue(containerThreads),
                    };
                });

            var stops = CommandInput.Load(() => (parse.GetValue(stopWhen) ?? []).Select(MetricCondition.Parse).ToList());
            if (stops.Find(s => !s.CanBeCertainEarly) is { } never)
            {
                throw new CommandInputException($"--stop-when {never}: never certain before the run ends; a start-latency or failure metric with > or >= (e.g. start_latency_p99_ms > 5000) is.");
            }

            ScenarioResult result;
            using (var progress = new SimulationProgress(error))
            {
                result = ScenarioRunner.Run(scenario, parse.GetValue(seed), progress: progress.Report, stopWhen: stops);
            }

            if (result.Interrupted)
            {
                CliMessage.Write(error, $"interrupted, no result printed; {SimulationProgress.Describe(new ScenarioProgress(result.Kernel.Simulation.Now, result.Starts.Finished, result.Scenario.Containers, result.Events, result.WallSeconds))}");
                return ExitCodes.RunFailed;
            }

            var summary = ScenarioSummary.Of(result);
            output.WriteLine(parse.GetValue(json) ? ScenarioSummaryJson.Write(summary) : ScenarioSummaryText.Write(summary));
            return ExitCodes.Success;
        });
        return command;
    }
}
