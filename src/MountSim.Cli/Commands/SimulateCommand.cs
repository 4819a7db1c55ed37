using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MountSim.Engine.Statistics;
using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;
using MountSim.Kernel.Execution;
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
        var command = new Command(
            "simulate",
            "Simulate a burst of container starts building idmapped overlay roots on one host: start latency, " +
            "failures past the 30 s deadline, lock contention, CPU time by state, collateral path-walk latency.")
        {
            topology, containers, layers, strategy, runtime, smt, sockets, kernel, arrivals, concurrency, placement, walks, walkMode, propagation, serviceNamespaces, wakeBalance, hostThreads, containerThreads, watchers, watcherRateLimit, seed, json,
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
                        MountinfoWatchers = parse.GetValue(watchers),
                        MountinfoWatcherRateLimit = WatcherRateLimit.Parse(parse.GetValue(watcherRateLimit)!),
                        PropagatesToContainers = parse.GetValue(propagation) == "shared",
                        ServiceNamespaces = parse.GetValue(serviceNamespaces),
                        WakeBalance = parse.GetValue(wakeBalance) == "on",
                        HostThreads = parse.GetValue(hostThreads),
                        ContainerThreads = parse.GetValue(containerThreads),
                    };
                },
                error);
            if (scenario is null)
            {
                return ExitCodes.BadInput;
            }

            ScenarioResult result;
            using (var progress = new SimulationProgress(error))
            {
                result = ScenarioRunner.Run(scenario, parse.GetValue(seed), progress: progress.Report);
            }

            if (result.Interrupted)
            {
                error.WriteLine($"mountsim: interrupted, no result printed; {SimulationProgress.Describe(new ScenarioProgress(result.Kernel.Simulation.Now, result.Starts.Finished, result.Scenario.Containers, result.Events, result.WallSeconds))}");
                return ExitCodes.RunFailed;
            }

            output.WriteLine(parse.GetValue(json)
                ? ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true })
                : Summary(result));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The run as one JSON object; README.md lists the fields.</summary>
    public static JsonObject ToJson(ScenarioResult result)
    {
        var kernel = result.Kernel;
        var now = kernel.Simulation.Now;
        var cpu = CpuTimeFractions(result);
        var walks = kernel.PathWalks.Statistics;
        return new JsonObject
        {
            ["topology"] = result.Scenario.Topology.Name,
            ["kernel"] = result.Scenario.Kernel.Name,
            ["strategy"] = result.Scenario.Strategy.Name,
            ["runtime"] = result.Scenario.Runtime.Name,
            ["layers"] = result.Scenario.Layers.ToString(),
            ["arrivals"] = result.Scenario.Arrivals.ToString(),
            ["propagation"] = result.Scenario.PropagatesToContainers ? "shared" : "private",
            ["service_namespaces"] = result.Scenario.ServiceNamespaces,
            ["wake_balance"] = result.Scenario.WakeBalance ? "on" : "off",
            ["host_threads"] = result.Scenario.HostThreads,
            ["container_threads"] = result.Scenario.ContainerThreads,
            ["watcher_rate_limit"] = result.Scenario.MountinfoWatcherRateLimit.ToString(),
            ["path_walk_mode"] = result.Scenario.PathWalkMode == PathWalkMode.PerLookup ? "per-lookup" : "closed-form",
            ["containers"] = new JsonObject
            {
                ["total"] = result.Starts.Containers,
                ["started"] = result.Starts.Finished - result.Starts.Failed,
                ["failed"] = result.Starts.Failed,
            },
            ["start_latency_ms"] = Quantiles(result.Starts.StartLatency, 1e6, ("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1)),
            ["runtime_phase_ms"] = new JsonObject(result.Scenario.Runtime.Phases.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Quantiles(kernel.PhaseLatency.GetValueOrDefault(p.Name) ?? new Histogram(), 1e6, ("p50", 0.5), ("p99", 0.99))))),
            ["syscalls"] = new JsonObject(kernel.Syscalls.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["mount_table_ops"] = kernel.MountTableOperations,
            ["teardown_mount_table_ops"] = kernel.TeardownMountTableOperations,
            ["locks"] = new JsonObject
            {
                ["mount_lock"] = Lock(kernel.MountLock.Statistics, now, kernel.MountLock.Line, kernel.MountLock.HandoffsByDistance),
                ["namespace_sem"] = NamespaceSemaphore(kernel.NamespaceSemaphore, now),
                ["pcpu_alloc_mutex"] = new JsonObject
                {
                    ["acquisitions"] = kernel.PercpuAllocMutex.Acquisitions,
                    ["wait_ms_total"] = kernel.PercpuAllocMutex.WaitNs / 1e6,
                },
            },
            ["rcu_grace_periods"] = new JsonObject
            {
                ["grace_periods"] = kernel.GracePeriods.GracePeriods,
                ["requests"] = kernel.GracePeriods.Requests,
                ["wait_us_mean"] = kernel.GracePeriods.Wait.Count == 0 ? 0 : kernel.GracePeriods.Wait.Mean / 1e3,
            },
            ["cpu_time_fraction"] = new JsonObject(cpu.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["mount_events"] = kernel.MountEvents,
            ["mountinfo_reads"] = result.Watchers.ReadLatency.Count,
            ["mountinfo_read_ms"] = Quantiles(result.Watchers.ReadLatency, 1e6, ("p50", 0.5), ("max", 1)),
            ["mountinfo_lines_at_end"] = kernel.MountinfoLines,
            ["mountinfo_line_retries"] = kernel.MountinfoLineRetries,
            ["health_probes"] = new JsonObject
            {
                ["count"] = result.Probes.Latency.Count,
                ["failed"] = result.Probes.Failed,
                ["latency_ms"] = Quantiles(result.Probes.Latency, 1e6, ("p50", 0.5), ("p99", 0.99), ("max", 1)),
            },
            ["path_walk_latency_us"] = Quantiles(walks.Latency, 1e3, ("p50", 0.5), ("p99", 0.99), ("p999", 0.999)),
            ["path_walks"] = walks.Latency.Count,
            ["path_walk_restarts"] = walks.Restarts,
            ["path_walks_spun"] = walks.Spun,
            ["simulated_seconds"] = result.SimulatedSeconds,
            ["events"] = result.Events,
            ["wall_seconds"] = result.WallSeconds,
        };
    }

    private static Dictionary<string, double> CpuTimeFractions(ScenarioResult result)
    {
        var shares = CpuTimeShares.Of(result);
        return new Dictionary<string, double>
        {
            ["work"] = shares.Work,
            ["spin_mount_lock"] = shares.SpinMountLock,
            ["spin_namespace_sem"] = shares.SpinNamespaceSem,
            ["sleep"] = shares.Sleep,
            ["idle"] = shares.Idle,
        };
    }

    private static JsonObject Lock(Engine.Resources.ResourceStatistics statistics, long now, ContendedLine line, IReadOnlyList<long>? handoffs)
    {
        var json = new JsonObject
        {
            ["acquisitions"] = statistics.Acquisitions,
            ["wait_ms"] = Quantiles(statistics.WaitTime, 1e6, ("mean", double.NaN), ("p99", 0.99)),
            ["hold_us"] = Quantiles(statistics.HoldTime, 1e3, ("mean", double.NaN)),
            ["utilization"] = statistics.Utilization.Mean(now),
            ["line_transfers_by_distance"] = ByDistance(line.TransfersByDistance),
        };
        if (handoffs is not null)
        {
            json["handoffs_by_distance"] = ByDistance(handoffs);
        }

        return json;
    }

    /// <summary>The rwsem's lock figures, plus how its waiters waited: spinning, sleeping, handoffs.</summary>
    private static JsonObject NamespaceSemaphore(Kernel.NamespaceSemaphore semaphore, long now)
    {
        var json = Lock(semaphore.Statistics, now, semaphore.Line, handoffs: null);
        json["optimistic_spin_ms"] = semaphore.SpinNs / 1e6;
        json["sleeps"] = semaphore.Sleeps;
        json["handoffs"] = semaphore.Handoffs;
        return json;
    }

    private static JsonObject ByDistance(IReadOnlyList<long> counts) => new(
        Enum.GetValues<DistanceClass>().Where(d => d != DistanceClass.Self)
            .Select(d => KeyValuePair.Create(LatencyTable.KeyOf(d), (JsonNode?)counts[(int)d])));

    /// <summary>Quantiles in a unit (<paramref name="scale"/> ns each); a NaN quantile asks for the mean.</summary>
    private static JsonObject Quantiles(Histogram histogram, double scale, params (string Name, double Q)[] quantiles)
    {
        var json = new JsonObject();
        foreach (var (name, q) in quantiles)
        {
            json[name] = histogram.Count == 0 ? 0 : (double.IsNaN(q) ? histogram.Mean : histogram.Quantile(q)) / scale;
        }

        if (histogram.Count > 0 && !json.ContainsKey("mean"))
        {
            json["mean"] = histogram.Mean / scale;
        }

        return json;
    }

    private static string Summary(ScenarioResult result)
    {
        var json = ToJson(result);
        var c = CultureInfo.InvariantCulture;
        string F(JsonNode? node, string format = "F2") => node is null ? "-" : node.GetValue<double>().ToString(format, c);
        var latency = json["start_latency_ms"]!;
        var cpu = json["cpu_time_fraction"]!;
        var ml = json["locks"]!["mount_lock"]!;
        var ns = json["locks"]!["namespace_sem"]!;
        var walks = json["path_walk_latency_us"]!;
        var s = result.Scenario;
        return string.Join(Environment.NewLine, (IEnumerable<string>)[
            $"{s.Containers} containers x {s.Layers} layers, strategy {s.Strategy.Name}, runtime {s.Runtime.Name}, on {s.Topology.Name} ({s.Topology.Threads.Count} hardware threads), kernel {s.Kernel.Name}",
            $"  starts          {json["containers"]!["started"]} ok, {json["containers"]!["failed"]} failed (> {s.DeadlineNs / 1e9:F0} s)",
            $"  start latency   p50 {F(latency["p50"])} ms, p90 {F(latency["p90"])} ms, p99 {F(latency["p99"])} ms, max {F(latency["max"])} ms",
            .. s.Runtime.Phases.Select(p => $"  {p.Name,-15} p50 {F(json["runtime_phase_ms"]![p.Name]!["p50"])} ms, p99 {F(json["runtime_phase_ms"]![p.Name]!["p99"])} ms"),
            $"  mount table     {json["mount_table_ops"]} ops (+{json["teardown_mount_table_ops"]} teardown); {result.Kernel.Syscalls.Values.Sum()} syscalls",
            $"  mount_lock      {ml["acquisitions"]} acquisitions, wait mean {F(ml["wait_ms"]!["mean"], "F4")} ms, hold mean {F(ml["hold_us"]!["mean"])} us, utilization {F(ml["utilization"], "P1")}",
            $"  namespace_sem   {ns["acquisitions"]} acquisitions, wait mean {F(ns["wait_ms"]!["mean"], "F4")} ms, utilization {F(ns["utilization"], "P1")}",
            $"  CPU time        work {F(cpu["work"], "P1")}, spin mount_lock {F(cpu["spin_mount_lock"], "P1")}, spin namespace_sem {F(cpu["spin_namespace_sem"], "P1")}, idle {F(cpu["idle"], "P1")}",
            $"  mountinfo       {json["mountinfo_reads"]} whole-table reads for {json["mount_events"]} events, p50 {F(json["mountinfo_read_ms"]!["p50"], "F3")} ms, max {F(json["mountinfo_read_ms"]!["max"], "F3")} ms",
            $"  health probes   {json["health_probes"]!["count"]} run, {json["health_probes"]!["failed"]} failed, p99 {F(json["health_probes"]!["latency_ms"]!["p99"], "F3")} ms",
            $"  path walks      p50 {F(walks["p50"])} us, p99 {F(walks["p99"])} us, p99.9 {F(walks["p999"])} us; {json["path_walk_restarts"]} restarts",
            $"  run             {F(json["simulated_seconds"], "F3")} s simulated, {json["events"]} events, {F(json["wall_seconds"], "F2")} s wall"]);
    }
}
