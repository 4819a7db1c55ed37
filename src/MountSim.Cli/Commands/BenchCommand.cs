using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MountSim.Benchmarking;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim bench engine|simulate|plan</c>: the engine's speed on the canonical lock-contention model, the whole model's on a burst, a plan's searches.</summary>
public static class BenchCommand
{
    /// <summary>Simulated values farther than this from the closed form make the run fail.</summary>
    private const double Tolerance = 0.01;

    public static Command Build()
    {
        var bench = new Command("bench", "Measure MountSim's own speed.");
        bench.Subcommands.Add(BuildEngine());
        bench.Subcommands.Add(BenchSimulateCommand.Build());
        bench.Subcommands.Add(BenchPlanCommand.Build());
        return bench;
    }

    private static Command BuildEngine()
    {
        var defaults = new EngineBenchmarkOptions();
        var workers = CliOptions.PositiveInt("--workers", "Workers contending for the lock.", defaults.Workers);
        var acquisitions = CliOptions.PositiveInt("--acquisitions", "Stop at this lock acquisition.", (int)defaults.Acquisitions);
        var repeat = CliOptions.PositiveInt("--repeat", "Timed runs after one warm-up run; the median is reported.", 5);
        var seed = new Option<ulong>("--seed") { Description = "Experiment seed.", DefaultValueFactory = _ => defaults.Seed };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };

        var command = new Command(
            "engine",
            "Run the lock-contention model of ../shared/reference/des-engines.md 4.1 (machine-repairman M/M/1//N: " +
            "workers think Exp(10 ms), then hold one FIFO lock Exp(0.2 ms)) and report acquisitions/s, " +
            "events/s, allocations, and the simulated utilization and mean wait against the closed form. " +
            "Fails (exit 1) when either is off by more than 1%.")
        {
            workers, acquisitions, repeat, seed, json,
        };
        command.SetAction(parse =>
        {
            var options = defaults with
            {
                Workers = parse.GetValue(workers),
                Acquisitions = parse.GetValue(acquisitions),
                Seed = parse.GetValue(seed),
            };
            var runs = parse.GetValue(repeat);
            var result = Measure(options, runs);
            var baseline = MeasureBaseline(options, runs);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                WriteJson(output, options, result, baseline);
            }
            else
            {
                WriteTable(output, options, result, baseline);
            }

            return Math.Abs(result.UtilizationError) <= Tolerance && Math.Abs(result.MeanWaitError) <= Tolerance
                ? ExitCodes.Success
                : ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>One short warm-up run (so the timed runs see tier-1 code), then the median of the timed runs.</summary>
    private static EngineBenchmarkResult Measure(EngineBenchmarkOptions options, int repeat)
    {
        EngineBenchmark.Run(options with { Acquisitions = Math.Max(10, options.Acquisitions / 10) });
        var runs = Enumerable.Range(0, repeat)
            .Select(_ => EngineBenchmark.Run(options))
            .OrderBy(r => r.WallSeconds)
            .ToList();
        return runs[runs.Count / 2];
    }

    /// <summary>The special-purpose loop's median speed, measured the same way, for the engine/loop ratio.</summary>
    private static double MeasureBaseline(EngineBenchmarkOptions options, int repeat)
    {
        SpecialPurposeLoop.AcquisitionsPerSecond(options with { Acquisitions = Math.Max(10, options.Acquisitions / 10) });
        var speeds = Enumerable.Range(0, repeat).Select(_ => SpecialPurposeLoop.AcquisitionsPerSecond(options)).Order().ToList();
        return speeds[speeds.Count / 2];
    }

    private static void WriteTable(TextWriter output, EngineBenchmarkOptions options, EngineBenchmarkResult result, double baseline)
    {
        void Line(FormattableString text) => output.WriteLine(FormattableString.Invariant(text));

        Line($"Engine benchmark: {options.Workers} workers, think Exp({options.ThinkMeanMilliseconds} ms), hold Exp({options.HoldMeanMilliseconds} ms), one FIFO lock, seed {options.Seed}");
        Line($"  acquisitions            {result.Acquisitions,14:N0}");
        Line($"  acquisitions/s          {result.AcquisitionsPerSecond,14:N0}");
        Line($"  special-purpose loop    {baseline,14:N0} acquisitions/s; the engine runs at {result.AcquisitionsPerSecond / baseline:P0} of it");
        Line($"  events                  {result.Events,14:N0}   (think done, grant, hold done)");
        Line($"  events/s                {result.EventsPerSecond,14:N0}");
        Line($"  allocated/acquisition   {result.AllocatedBytesPerAcquisition,14:F3} B (steady state)");
        Line($"  wall time               {result.WallSeconds,14:F3} s (median run)");
        Line($"");
        Line($"  {"",-22}{"simulated",10}{"analytic",10}{"error",9}");
        Line($"  {"lock utilization",-22}{result.Utilization,10:F4}{result.Analytic.Utilization,10:F4}{result.UtilizationError,9:P2}");
        Line($"  {"mean wait (ms)",-22}{result.MeanWaitMilliseconds,10:F4}{result.Analytic.MeanWait,10:F4}{result.MeanWaitError,9:P2}");
    }

    private static void WriteJson(TextWriter output, EngineBenchmarkOptions options, EngineBenchmarkResult result, double baseline)
    {
        var json = new JsonObject
        {
            ["acquisitions_per_second"] = result.AcquisitionsPerSecond,
            ["events_per_second"] = result.EventsPerSecond,
            ["utilization"] = result.Utilization,
            ["mean_wait"] = result.MeanWaitMilliseconds,
            ["allocated_bytes_per_acquisition"] = result.AllocatedBytesPerAcquisition,
            ["special_purpose_loop_acquisitions_per_second"] = baseline,
            ["analytic_utilization"] = result.Analytic.Utilization,
            ["analytic_mean_wait"] = result.Analytic.MeanWait,
            ["time_unit"] = "ms",
            ["acquisitions"] = result.Acquisitions,
            ["events"] = result.Events,
            ["wall_seconds"] = result.WallSeconds,
            ["workers"] = options.Workers,
            ["seed"] = options.Seed,
        };
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
