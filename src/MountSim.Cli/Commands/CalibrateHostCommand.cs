using System.CommandLine;
using System.Globalization;
using MountSim.Calibration;
using MountSim.Calibration.Export;
using MountSim.Calibration.Harness;
using MountSim.Files;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Kernel.Profiles;
using MountSim.Kernel.Profiles.Export;
using MountSim.Reporting;
using MountSim.Text;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Runtimes.Export;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim calibrate-host --out DIR</c>: the whole loop on this host in one command, as root: real-mount
/// harness runs to fit on (one thread at 8 and 32 layers for each call's costs, two threads at 8 and 32 for
/// contention, and two on one core's SMT siblings where the host has them), after a probe of the host's
/// own noise (harness noise), and to hold out (every CPU busy
/// at 16 layers, one thread at 50), the fit (<see cref="HostCalibration"/>), the validation on the held-out
/// runs (<see cref="Validator"/>), and a report folder that says what came out. Each harness run is
/// <c>harness run</c>'s own child process in a private mount namespace; everything else runs in this one.
/// </summary>
public static class CalibrateHostCommand
{
    /// <summary>A short run whose probe thread times path walks: the cost of a lookup is measured, not fitted.</summary>
    private const string ProbeRun = "path-walks";

    private const string NoiseBefore = "noise-before";

    private const string NoiseAfter = "noise-after";

    private const string ReportFile = "report.md";

    /// <summary>The runtime profile the fit of real container starts begins from.</summary>
    private const string RunnerRuntime = "runc-1.1";

    /// <summary>What the report folder's manifest says it was made for: a calibrate-host run is never resumed, only redone.</summary>
    private const string Identity = "calibrate-host";

    /// <summary>How far apart the two noise probes' rate and mean detour may be for the noise to count as the host's.</summary>
    private const double SteadyNoiseRatio = 1.5;

    /// <summary>The table sizes the runtime's starts are measured at: how its reads of the table grow with it.</summary>
    private static readonly int[] TableSweep = [0, 250, 1000, 4000];

    /// <summary>The layers of the runtime's starts and bursts: the incident's images.</summary>
    private const int RuntimeLayers = 50;

    /// <summary>One harness run of the calibration: its file's name, what the report calls it, whether the fit sees it, what it runs.</summary>
    private sealed record HostRun(string Name, string Title, bool Fit, HarnessOptions Options);

    /// <summary>The two strategies every run times: containerd 2.0's and the fix's.</summary>
    private static readonly HarnessStrategy[] Strategies = [HarnessStrategy.PerLayer, HarnessStrategy.CommonParent];

    /// <summary>A run of <paramref name="iterations"/> setups per thread and strategy on tmpfs.</summary>
    private static HarnessOptions Run(HarnessStrategy[] strategies, int layers, int threads, int iterations, int probes, string placement = "spread") =>
        new(strategies, layers, threads, placement, iterations, null, HarnessOptions.Tmpfs, probes, MountinfoReader: false);

    /// <summary>
    /// The runs on this host: the held-out contention run uses every CPU (two at least); where a core has two
    /// hardware threads, one fit run pins its two threads to them, so the fit can see the SMT slowdown.
    /// </summary>
    private static List<HostRun> Runs(Topology host, int iterations)
    {
        var all = Math.Max(2, host.Threads.Count);
        List<(string Name, int Layers, int Threads, bool Fit, string? Cpus)> runs =
        [
            (ProbeRun, 8, 1, false, null),
            ("fit-8x1", 8, 1, true, null),
            ("fit-32x1", 32, 1, true, null),
            ("fit-8x2", 8, 2, true, null),
            ("fit-32x2", 32, 2, true, null),
            (string.Create(CultureInfo.InvariantCulture, $"holdout-16x{all}"), 16, all, false, null),
            ("holdout-50x1", 50, 1, false, null),
        ];
        if (host.Cores.FirstOrDefault(c => c.Threads.Count > 1) is { } core)
        {
            runs.Add(("fit-smt-8x2", 8, 2, true, string.Join(',', core.Threads.Take(2).Select(t => t.OsCpu.ToString(CultureInfo.InvariantCulture)))));
        }

        return [.. runs.Select(r => new HostRun(
            r.Name,
            $"Harness: {r.Layers} layers, {r.Threads} thread{(r.Threads == 1 ? string.Empty : "s")}{(r.Cpus is null ? string.Empty : $" on CPUs {r.Cpus}")}",
            r.Fit,
            Run(Strategies, r.Layers, r.Threads, iterations, r.Name == ProbeRun ? 1 : 0, r.Cpus is null ? "spread" : "cpus:" + r.Cpus)))];
    }

    /// <summary>
    /// Real container starts with runc: one at a time at several table sizes and with the incident's 50 layers
    /// to fit the runtime's costs, and bursts of 1, 2, 4, ... <paramref name="maxBurst"/> starts of both
    /// strategies at once, held out.
    /// </summary>
    private static List<HostRun> RuntimeRuns(int starts, int bursts, int maxBurst)
    {
        var runs = TableSweep.Select(k => new HostRun(
            string.Create(CultureInfo.InvariantCulture, $"runc-table-{k}"),
            string.Create(CultureInfo.InvariantCulture, $"runc: one start at a time, 8 layers, {k} extra mounts in the table"),
            true,
            Run([HarnessStrategy.CommonParent], 8, 1, starts, 0) with { Runtime = ContainerRuntime.Runc, TableMounts = k })).ToList();
        runs.Add(new HostRun(
            "runc-50x1",
            string.Create(CultureInfo.InvariantCulture, $"runc: one start at a time, {RuntimeLayers} layers"),
            true,
            Run(Strategies, RuntimeLayers, 1, starts, 0) with { Runtime = ContainerRuntime.Runc }));
        for (var n = 1; n <= maxBurst; n *= 2)
        {
            runs.Add(new HostRun(
                string.Create(CultureInfo.InvariantCulture, $"runc-burst-{n}"),
                string.Create(CultureInfo.InvariantCulture, $"runc: bursts of {n} starts at once, {RuntimeLayers} layers"),
                false,
                Run(Strategies, RuntimeLayers, n, bursts, 0) with { Runtime = ContainerRuntime.Runc, Burst = true }));
        }

        return runs;
    }

    public static Command Build()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The report folder: measurements, the fitted profile, the validation table and plot, report.md.", Required = true };
        var iterations = CliOptions.PositiveInt("--iterations", "Container setups per harness run, thread and strategy.", 200);
        var force = new Option<bool>("--force") { Description = "Replace the report folder's files if it has them." };
        var runtime = new Option<string>("--runtime")
        {
            Description = $"none, or runc: also start real containers ({RuncHost.Install}), fit the runtime profile's costs to single starts at several table sizes, and hold out bursts of both strategies.",
            DefaultValueFactory = _ => ContainerRuntime.None.Name(),
        };
        runtime.AcceptOnlyFromAmong(ContainerRuntime.None.Name(), ContainerRuntime.Runc.Name());
        var starts = CliOptions.PositiveInt("--starts", "With --runtime runc: container starts per one-at-a-time run and strategy.", 20);
        var bursts = CliOptions.PositiveInt("--bursts", "With --runtime runc: bursts per size and strategy.", 3);
        var maxBurst = CliOptions.PositiveInt("--max-burst", "With --runtime runc: the largest burst (sizes 1, 2, 4, ... up to it).", 64);
        var command = new Command("calibrate-host", "As root: measure this host with the real-mount harness, fit the kernel profile's costs (calibrate) and predict runs the fit did not see (validate); writes a report folder.")
        {
            output, iterations, force, runtime, starts, bursts, maxBurst,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            using var folder = OwnedFolder.Open(parse.GetValue(output)!.FullName, "calibration report");
            if (folder.Previous is { Finished: true } && !parse.GetValue(force))
            {
                throw new OutputTargetException($"{folder.Directory} holds a finished calibration; use --force to replace it, or --out for another folder");
            }

            var withRunc = parse.GetValue(runtime) == ContainerRuntime.Runc.Name();
            if ((HostRequirements.Refusal(HarnessOptions.Tmpfs) ?? (withRunc ? RuncHost.Refusal() : null)) is { } refusal)
            {
                throw new HostUnsupportedException(refusal);
            }

            var host = HarnessCommand.HostTopology();
            var runs = Runs(host, parse.GetValue(iterations));
            runs.AddRange(withRunc ? RuntimeRuns(parse.GetValue(starts), parse.GetValue(bursts), parse.GetValue(maxBurst)) : []);
            folder.Restart(Identity);
            folder.Declare([
                ReportFile, "profile.yaml", "topology.yaml", "runtime.yaml", "validation.png", "validation.svg",
                .. Strategies.SelectMany(s => (string[])[$"validation-burst-{s.Name()}-{RuntimeLayers}.png", $"validation-burst-{s.Name()}-{RuntimeLayers}.svg"]),
                .. new[] { NoiseBefore, NoiseAfter }.Concat(runs.Select(r => r.Name)).SelectMany(name => (string[])[name + ".json", name + ".csv"]),
            ]);
            var report = new CalibrationReport(folder, console, parse.InvocationConfiguration.Error);
            int code;
            try
            {
                code = Calibrate(report, host, runs, withRunc);
            }
            finally
            {
                // What the steps printed is kept, above all when one failed.
                folder.Write(ReportFile, report.Markdown);
                console.WriteLine($"report: {folder.PathOf(ReportFile)}");
            }

            if (code == ExitCodes.Success)
            {
                folder.Finish();
            }

            return code;
        });
        return command;
    }

    /// <summary>The harness runs and noise probes, the fit, the validation; a failed harness run's exit code ends it.</summary>
    private static int Calibrate(CalibrationReport report, Topology host, List<HostRun> runs, bool withRunc)
    {
        NoiseMeasurement? before = null;
        foreach (var run in runs)
        {
            if (report.Harness(run.Title, run.Options, run.Name + ".json") is var code && code != ExitCodes.Success)
            {
                return code;
            }

            // The host's own noise, early (after the first short run, when this process has warmed up: a fresh
            // .NET process compiles in the background for seconds) and again after the runs.
            before ??= report.Noise(host, NoiseBefore);
        }

        var after = report.Noise(host, NoiseAfter);
        var steady = SteadyNoise(before!, after, report);

        var fitFiles = runs.Where(r => r.Fit).Select(r => report.PathOf(r.Name + ".json")).ToList();
        var start = KernelProfileLibrary.Resolve(null);
        var request = HostCalibrationRequest.Load(
            fitFiles,
            null,
            TopologyLibrary.Find(),
            start,
            [report.PathOf(ProbeRun + ".json")],
            steady ? (before!.ToHostNoise(), report.PathOf(NoiseBefore + ".json")) : null,
            withRunc ? RuntimeProfileLibrary.Resolve(RunnerRuntime, start) : null,
            DateOnly.FromDateTime(DateTime.UtcNow));
        var calibration = HostCalibration.Fit(request, new CalibrationOptions(), "profile", "runtime");
        report.Section(
            "Fit",
            $"mountsim calibrate --measurements {string.Join(' ', runs.Where(r => r.Fit).Select(r => $"DIR/{r.Name}.json"))} --path-walks DIR/{ProbeRun}.json" +
            $"{(steady ? $" --noise DIR/{NoiseBefore}.json" : string.Empty)} --out DIR/profile.yaml --topology-out DIR/topology.yaml{(withRunc ? $" --runtime {RunnerRuntime} --runtime-out DIR/runtime.yaml" : string.Empty)}",
            CalibrationText.Write(calibration));
        report.Write("profile.yaml", KernelProfileYamlWriter.ToYaml(calibration.Profile));
        report.Write("topology.yaml", TopologyYamlWriter.ToYaml(calibration.Topology, calibration.TopologyDescription));
        if (calibration.Runtime is { } runtimeFit)
        {
            report.Write("runtime.yaml", RuntimeProfileYamlWriter.ToYaml(runtimeFit.Runtime));
        }

        var heldOut = runs.Where(r => !r.Fit && r.Name != ProbeRun).ToList();
        var measured = MeasuredHostSet.Load([.. heldOut.Select(r => report.PathOf(r.Name + ".json"))], calibration.Topology);
        var predictions = Validator.Predict(measured.Measurements.Configurations, calibration.Profile, calibration.Topology, new CalibrationOptions().Seed, calibration.Runtime?.Runtime);
        report.Section(
            "Validation on the runs the fit did not see",
            $"mountsim validate --profile DIR/profile.yaml --topology DIR/topology.yaml --measurements {string.Join(' ', heldOut.Select(r => $"DIR/{r.Name}.json"))}{(withRunc ? " --runtime DIR/runtime.yaml" : string.Empty)} --all --plot DIR/validation.png",
            ValidationText.Write(predictions));
        ValidationCharts.Save(predictions, calibration.Profile.Name, report.Directory, "validation");
        report.Image("Predicted against measured setup latency", "validation.png");
        foreach (var strategy in ValidationCharts.BurstChartNames(measured.Measurements.Configurations))
        {
            report.Image($"Start latency of bursts of real containers, {strategy}", $"validation-{strategy}.png");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Whether the two noise probes agree (rate and mean detour within <see cref="SteadyNoiseRatio"/> of each
    /// other), said in the report either way. The fit simulates the host with its noise only if they do, for a
    /// shared host's noise comes and goes and a probe taken at another moment than the runs misleads the fit
    /// more than it helps.
    /// </summary>
    private static bool SteadyNoise(NoiseMeasurement first, NoiseMeasurement last, CalibrationReport report)
    {
        var (before, after) = (first.ToHostNoise(), last.ToHostNoise());
        static bool Close(double a, double b) => Math.Max(a, b) <= SteadyNoiseRatio * Math.Max(Math.Min(a, b), double.Epsilon);
        var steady = Close(before.DetoursPerSecond, after.DetoursPerSecond) && Close(before.Detours.Mean, after.Detours.Mean);
        report.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Noise after the first run: {before.DetoursPerSecond:F0} detours/s, mean {Durations.Format(before.Detours.Mean)}; after the last: {after.DetoursPerSecond:F0} detours/s, mean {Durations.Format(after.Detours.Mean)}. ") + (steady
            ? "They agree, so the fit simulates the host with the first."
            : $"They differ by more than {SteadyNoiseRatio}x, so the host's noise changed while it was measured and the fit leaves it out (the model's p99s then show contention alone)."));
        return steady;
    }
}
