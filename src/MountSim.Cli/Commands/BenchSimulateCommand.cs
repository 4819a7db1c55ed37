using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Hardware;
using MountSim.Kernel.Loops;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim bench simulate</c>: the whole model's speed on the incident's burst (issue 4's
/// reference run), median of timed runs after a warm-up, with events/s, allocation per event and
/// the process's peak memory, so memory can be compared as N grows.
/// </summary>
public static class BenchSimulateCommand
{
    public static Command Build()
    {
        var topology = new Option<string>("--topology") { Description = "A shipped topology's name or a YAML file.", DefaultValueFactory = _ => "aws-r5.metal" };
        var strategy = new Option<string>("--strategy") { Description = "Mount strategy.", DefaultValueFactory = _ => "per-layer" };
        var runtime = new Option<string>("--runtime") { Description = "Container runtime (none: the kernel's mount work alone).", DefaultValueFactory = _ => RuntimeProfileLibrary.DefaultName };
        var containers = CliOptions.PositiveInt("--containers", "Container starts.", 100);
        var layers = new Option<string>("--layers") { Description = "Image layers per container: a number, or a distribution drawn per container (uniform:20:80, lognormal:MEAN:SD, empirical:10,30,55, ...).", DefaultValueFactory = _ => "50" };
        var concurrency = new Option<int?>("--concurrency") { Description = "The runtime's limit on starts in flight (default: all at once)." };
        var loops = new Option<string>("--mount-loops") { Description = "The kernel's per-mount loops in 'closed-form' or 'per-mount' (simulate's --mount-loops).", DefaultValueFactory = _ => Scenario.DefaultMountLoops == MountLoopMode.PerMount ? "per-mount" : "closed-form" };
        loops.AcceptOnlyFromAmong("closed-form", "per-mount");
        var walks = new Option<double>("--path-walks") { Description = "Background path lookups per second per CPU.", DefaultValueFactory = _ => Scenario.DefaultPathWalksPerCpuPerSecond };
        var repeat = CliOptions.PositiveInt("--repeat", "Timed runs after one warm-up run; the median is reported.", 5);
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command(
            "simulate",
            "Time the whole model on a burst of container starts (default: 100 x 50 layers, per-layer, containerd-2.0, aws-r5.metal, " +
            "background path walks and one mountinfo watcher on): events/s, wall time, allocation per event, peak memory.")
        {
            topology, strategy, runtime, containers, layers, concurrency, loops, walks, repeat, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var scenario = ScenarioInput.Build(
                () =>
                {
                    var profile = KernelProfileLibrary.Resolve(null);
                    return new Scenario
                    {
                        Topology = TopologyLibrary.Resolve(parse.GetValue(topology)!, TopologyLibrary.Find()),
                        Kernel = profile,
                        Strategy = MountStrategyLibrary.Resolve(parse.GetValue(strategy)!, profile),
                        Runtime = RuntimeProfileLibrary.Resolve(parse.GetValue(runtime)!, profile),
                        Containers = parse.GetValue(containers),
                        Layers = DistributionSyntax.Parse(parse.GetValue(layers)!),
                        Concurrency = parse.GetValue(concurrency),
                        MountLoops = parse.GetValue(loops) == "per-mount" ? MountLoopMode.PerMount : MountLoopMode.ClosedForm,
                        PathWalksPerCpuPerSecond = parse.GetValue(walks),
                    };
                });

            ScenarioRunner.Run(scenario with { Containers = Math.Max(1, scenario.Containers / 10) }, seed: 42);
            var runs = new List<(double Wall, long Events, double Simulated, double BytesPerEvent)>();
            for (var i = 0; i < parse.GetValue(repeat); i++)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var stopwatch = Stopwatch.StartNew();
                var result = ScenarioRunner.Run(scenario, seed: 42);
                var wall = stopwatch.Elapsed.TotalSeconds;
                runs.Add((wall, result.Events, result.SimulatedSeconds, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)result.Events));
            }

            var median = runs.OrderBy(r => r.Wall).ElementAt(runs.Count / 2);
            var peakMegabytes = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            if (parse.GetValue(json))
            {
                output.WriteLine(new JsonObject
                {
                    ["topology"] = scenario.Topology.Name,
                    ["strategy"] = scenario.Strategy.Name,
                    ["runtime"] = scenario.Runtime.Name,
                    ["containers"] = scenario.Containers,
                    ["mount_loops"] = scenario.MountLoops == MountLoopMode.PerMount ? "per-mount" : "closed-form",
                    ["path_walks"] = scenario.PathWalksPerCpuPerSecond,
                    ["layers"] = scenario.Layers.ToString(),
                    ["events"] = median.Events,
                    ["events_per_second"] = median.Events / median.Wall,
                    ["wall_seconds"] = median.Wall,
                    ["simulated_seconds"] = median.Simulated,
                    ["allocated_bytes_per_event"] = median.BytesPerEvent,
                    ["peak_working_set_mb"] = peakMegabytes,
                }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                output.WriteLine(FormattableString.Invariant($"Simulate benchmark: {scenario.Containers} containers x {scenario.Layers} layers, {scenario.Strategy.Name}, runtime {scenario.Runtime.Name}, {scenario.Topology.Name}, mount loops {(scenario.MountLoops == MountLoopMode.PerMount ? "per-mount" : "closed-form")}, {scenario.PathWalksPerCpuPerSecond:N0} lookups/s/CPU; median of {runs.Count} after a warm-up"));
                output.WriteLine(FormattableString.Invariant($"  events                {median.Events,14:N0}"));
                output.WriteLine(FormattableString.Invariant($"  events/s              {median.Events / median.Wall,14:N0}"));
                output.WriteLine(FormattableString.Invariant($"  wall time             {median.Wall,14:F3} s ({median.Simulated:F3} s simulated)"));
                output.WriteLine(FormattableString.Invariant($"  allocated/event       {median.BytesPerEvent,14:F1} B"));
                output.WriteLine(FormattableString.Invariant($"  peak working set      {peakMegabytes,14:F1} MB (whole process)"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
