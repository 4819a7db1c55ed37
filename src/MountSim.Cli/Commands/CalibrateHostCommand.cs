using System.CommandLine;
using System.Globalization;
using System.Text;
using MountSim.Calibration.Harness;
using MountSim.Files;
using MountSim.Hardware;
using MountSim.Hardware.Sysfs;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim calibrate-host --out DIR</c>: the whole loop on this host in one command, as root: real-mount
/// harness runs to fit on (one thread at 8 and 32 layers for each call's costs, two threads at 8 and 32 for
/// contention, and two on one core's SMT siblings where the host has them), after a probe of the host's
/// own noise (harness noise), and to hold out (every CPU busy
/// at 16 layers, one thread at 50), the fit, the validation on the held-out runs, and a report folder that
/// says what came out.
/// </summary>
public static class CalibrateHostCommand
{
    /// <summary>A short run whose probe thread times path walks: the cost of a lookup is measured, not fitted.</summary>
    private const string ProbeRun = "path-walks";

    private const string NoiseBefore = "noise-before";

    private const string NoiseAfter = "noise-after";

    private const string ReportFile = "report.md";

    /// <summary>What the report folder's manifest says it was made for: a calibrate-host run is never resumed, only redone.</summary>
    private const string Identity = "calibrate-host";

    /// <summary>How far apart the two noise probes' rate and mean detour may be for the noise to count as the host's.</summary>
    private const double SteadyNoiseRatio = 1.5;

    /// <summary>The table sizes the runtime's starts are measured at: how its reads of the table grow with it.</summary>
    private static readonly int[] TableSweep = [0, 250, 1000, 4000];

    /// <summary>The layers of the runtime's starts and bursts: the incident's images.</summary>
    private const int RuntimeLayers = 50;

    /// <summary>One harness run of the calibration: its file's name, what the report calls it, whether the fit sees it, its harness arguments.</summary>
    private sealed record HostRun(string Name, string Title, bool Fit, string[] Arguments);

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
            [
                "--strategy", "per-layer,common-parent", "--layers", Invariant(r.Layers), "--threads", Invariant(r.Threads),
                "--iterations", Invariant(iterations), "--probes", r.Name == ProbeRun ? "1" : "0",
                .. r.Cpus is null ? [] : (string[])["--cpus", r.Cpus],
            ]))];
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
            ["--runtime", "runc", "--strategy", "common-parent", "--layers", "8", "--iterations", Invariant(starts), "--probes", "0", "--table-mounts", Invariant(k)])).ToList();
        runs.Add(new HostRun(
            "runc-50x1",
            string.Create(CultureInfo.InvariantCulture, $"runc: one start at a time, {RuntimeLayers} layers"),
            true,
            ["--runtime", "runc", "--strategy", "per-layer,common-parent", "--layers", Invariant(RuntimeLayers), "--iterations", Invariant(starts), "--probes", "0"]));
        for (var n = 1; n <= maxBurst; n *= 2)
        {
            runs.Add(new HostRun(
                string.Create(CultureInfo.InvariantCulture, $"runc-burst-{n}"),
                string.Create(CultureInfo.InvariantCulture, $"runc: bursts of {n} starts at once, {RuntimeLayers} layers"),
                false,
                ["--runtime", "runc", "--strategy", "per-layer,common-parent", "--layers", Invariant(RuntimeLayers), "--burst", Invariant(n), "--iterations", Invariant(bursts), "--probes", "0"]));
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
            var error = parse.InvocationConfiguration.Error;
            using var folder = OwnedFolder.Open(parse.GetValue(output)!.FullName, "calibration report");
            if (folder.Previous is { Finished: true } && !parse.GetValue(force))
            {
                throw new OutputTargetException($"{folder.Directory} holds a finished calibration; use --force to replace it, or --out for another folder");
            }

            var withRunc = parse.GetValue(runtime) == ContainerRuntime.Runc.Name();
            if (withRunc && RuncHost.Refusal() is { } refusal)
            {
                throw new CommandInputException($"calibrate-host --runtime runc refused: {refusal}");
            }

            var runs = Runs(new SysfsTopologyDetector().Detect().Topology, parse.GetValue(iterations));
            var runtimeRuns = withRunc ? RuntimeRuns(parse.GetValue(starts), parse.GetValue(bursts), parse.GetValue(maxBurst)) : [];
            runs.AddRange(runtimeRuns);
            folder.Restart(Identity);
            folder.Declare([
                ReportFile, "profile.yaml", "topology.yaml", "runtime.yaml", "validation.png", "validation.svg",
                .. new[] { "per-layer", "common-parent" }.SelectMany(s => (string[])[$"validation-burst-{s}-{RuntimeLayers}.png", $"validation-burst-{s}-{RuntimeLayers}.svg"]),
                .. new[] { NoiseBefore, NoiseAfter }.Concat(runs.Select(r => r.Name)).SelectMany(name => (string[])[name + ".json", name + ".csv"]),
            ]);
            var md = new StringBuilder("# Calibration of this host\n\n");
            string File(string name) => folder.PathOf(name);
            int Step(string title, params string[] args)
            {
                using var text = new StringWriter();
                var code = MountSimCli.Run(args, text, text);
                md.Append(CultureInfo.InvariantCulture, $"## {title}\n\n`mountsim {string.Join(' ', args.Select(a => a.Replace(folder.Directory, "DIR", StringComparison.Ordinal)))}`\n\n```\n{text.ToString().TrimEnd()}\n```\n\n");
                console.WriteLine($"{title}: exit {code}");
                return code;
            }

            // The host's own noise, early (after the first short run, when this process has warmed up: a fresh
            // .NET process compiles in the background for seconds) and again after the runs. The fit simulates
            // setups on a host with it only if the two agree, for a shared host's noise comes and goes and a
            // probe taken at another moment than the runs misleads the fit more than it helps.
            int Noise(string name) => Step($"Noise: 2 s of selfish-detour loops on every CPU ({name})", "harness", "noise", "--duration", "2s", "--out", File(name + ".json"), "--force");

            // A failed step ends the calibration with the step's own exit code, after the report says what it printed.
            int Failed(string what, int code)
            {
                CliMessage.Write(error, $"{what} failed (exit {code}); see {File(ReportFile)}");
                folder.Write(ReportFile, md.ToString());
                return code;
            }

            foreach (var (name, title, _, arguments) in runs)
            {
                var code = Step(title, ["harness", "run", .. arguments, "--out", File(name + ".json"), "--force"]);
                if (code != ExitCodes.Success)
                {
                    return Failed($"the harness run {name}", code);
                }

                if (name == ProbeRun && Noise(NoiseBefore) is var early && early != ExitCodes.Success)
                {
                    return Failed("the noise probe", early);
                }
            }

            var steady = Noise(NoiseAfter) == ExitCodes.Success && SteadyNoise(File(NoiseBefore + ".json"), File(NoiseAfter + ".json"), md);
            var fitted = Step("Fit", [
                "calibrate", "--measurements", .. runs.Where(r => r.Fit).Select(r => File(r.Name + ".json")), "--path-walks", File(ProbeRun + ".json"),
                .. steady ? (string[])["--noise", File(NoiseBefore + ".json")] : [],
                "--out", File("profile.yaml"), "--topology-out", File("topology.yaml"), "--force",
                .. withRunc ? (string[])["--runtime", "runc-1.1", "--runtime-out", File("runtime.yaml")] : [],
            ]);
            var validated = fitted == ExitCodes.Success
                ? Step("Validation on the runs the fit did not see", [
                    "validate", "--profile", File("profile.yaml"), "--topology", File("topology.yaml"),
                    "--measurements", .. runs.Where(r => !r.Fit && r.Name != ProbeRun).Select(r => File(r.Name + ".json")),
                    .. withRunc ? (string[])["--runtime", File("runtime.yaml")] : [],
                    "--all", "--plot", File("validation.png"), "--force"])
                : fitted;
            if (validated == ExitCodes.Success)
            {
                md.Append("![Predicted against measured setup latency](validation.png)\n");
                foreach (var strategy in withRunc ? (string[])["per-layer", "common-parent"] : [])
                {
                    md.Append(CultureInfo.InvariantCulture, $"\n![Start latency of bursts of real containers, {strategy}](validation-burst-{strategy}-{RuntimeLayers}.png)\n");
                }
            }

            folder.Write(ReportFile, md.ToString());
            if (validated == ExitCodes.Success)
            {
                folder.Finish();
            }

            console.WriteLine($"report: {File(ReportFile)}");
            return validated;
        });
        return command;
    }

    /// <summary>
    /// Whether the two noise probes agree (rate and mean detour within <see cref="SteadyNoiseRatio"/> of each
    /// other), said in the report either way.
    /// </summary>
    private static bool SteadyNoise(string beforePath, string afterPath, StringBuilder md)
    {
        var (before, after) = (NoiseMeasurementJson.Read(beforePath).ToHostNoise(), NoiseMeasurementJson.Read(afterPath).ToHostNoise());
        static bool Close(double a, double b) => Math.Max(a, b) <= SteadyNoiseRatio * Math.Max(Math.Min(a, b), double.Epsilon);
        var steady = Close(before.DetoursPerSecond, after.DetoursPerSecond) && Close(before.Detours.Mean, after.Detours.Mean);
        md.Append(CultureInfo.InvariantCulture, $"Noise after the first run: {before.DetoursPerSecond:F0} detours/s, mean {Durations.Format(before.Detours.Mean)}; after the last: {after.DetoursPerSecond:F0} detours/s, mean {Durations.Format(after.Detours.Mean)}. ")
            .Append(steady
                ? "They agree, so the fit simulates the host with the first.\n\n"
                : $"They differ by more than {SteadyNoiseRatio}x, so the host's noise changed while it was measured and the fit leaves it out (the model's p99s then show contention alone).\n\n");
        return steady;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
