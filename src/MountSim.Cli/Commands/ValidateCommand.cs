using System.CommandLine;
using System.Globalization;
using MathNet.Numerics.Statistics;
using MountSim.Calibration;
using MountSim.Files;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Reporting;
using MountSim.Workload.Runtimes;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim validate</c>: how well a (fitted) profile predicts measured configurations it was not fitted to.</summary>
public static class ValidateCommand
{
    public static Command Build()
    {
        var profile = new Option<string>("--profile") { Description = "The kernel profile to check: a shipped name or a YAML file (e.g. what calibrate wrote).", Required = true };
        var measurements = new Option<string[]>("--measurements") { Description = "Harness measurement files (JSON); configurations with fit: false are predicted.", Required = true, AllowMultipleArgumentsPerToken = true };
        var topology = new Option<string?>("--topology") { Description = "The measured host: a shipped topology's name or a YAML file (default: the files' host.topology)." };
        var all = new Option<bool>("--all") { Description = "Predict every configuration, the fitted ones too." };
        var plot = new Option<string?>("--plot") { Description = "Draw predicted vs measured with the y = x line to this PNG (an SVG is written next to it; the folder must exist)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every simulation.", DefaultValueFactory = _ => 1 };
        var force = new Option<bool>("--force") { Description = "Overwrite the --plot files if they exist." };
        var runtime = new Option<string?>("--runtime") { Description = "The runtime profile that predicts the harness's container starts (harness run --runtime runc): a shipped name or a YAML file (what calibrate --runtime-out wrote)." };
        var command = new Command("validate", "Predict the measured configurations held out from the fit (fit: false) and report the relative error of p50 and p99.")
        {
            profile, measurements, topology, all, plot, seed, force, runtime,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var (host, kernel) = CommandInput.Load(() => (MeasuredHostSet.Load(parse.GetValue(measurements)!, parse.GetValue(topology), TopologyLibrary.Find()), KernelProfileLibrary.Resolve(parse.GetValue(profile))));
            var starts = parse.GetValue(runtime) is { } runtimeName ? CommandInput.Load(() => RuntimeProfileLibrary.Resolve(runtimeName, kernel)) : null;

            var configurations = (parse.GetValue(all) ? host.Measurements.Configurations : host.Measurements.HeldOut).ToList();

            // Every file the plot makes is claimed before anything is simulated.
            using var plotFile = parse.GetValue(plot) is { } plotPath
                ? OutputFile.Claim(
                    Path.ChangeExtension(plotPath, ".png"),
                    "--plot",
                    parse.GetValue(force),
                    [Path.ChangeExtension(plotPath, ".svg"), .. ValidationCharts.BurstChartNames(configurations).SelectMany(name => (string[])[Sibling(plotPath, name, ".png"), Sibling(plotPath, name, ".svg")])])
                : null;
            if (configurations.Count == 0)
            {
                throw new CommandInputException("no configuration has fit: false; pass --all to predict the fitted ones.");
            }

            if (starts is null && configurations.FirstOrDefault(c => c.HasRuntime) is { } started)
            {
                throw new CommandInputException($"{started.Id} ran containers with {started.Runtime}; give --runtime with the runtime profile to predict it with.");
            }

            var predictions = Validator.Predict(configurations, kernel, host.Topology, parse.GetValue(seed), starts);
            Report(predictions, output);
            if (plotFile is not null)
            {
                var directory = Path.GetDirectoryName(plotFile.Path)!;
                var stem = Path.GetFileNameWithoutExtension(plotFile.Path);
                var written = ChartFiles.Save(ValidationCharts.Chart(predictions, kernel.Name), directory, stem)
                    .Concat(ValidationCharts.BurstCharts(predictions, kernel.Name).SelectMany(b => ChartFiles.Save(b.Chart, directory, $"{stem}-{b.Name}")));
                foreach (var path in written)
                {
                    output.WriteLine($"wrote {path}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A burst chart's file beside the plot: <c>validation-burst-per-layer-50.png</c>.</summary>
    private static string Sibling(string plot, string name, string extension) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plot))!, $"{Path.GetFileNameWithoutExtension(plot)}-{name}{extension}");

    private static void Report(IReadOnlyList<Prediction> predictions, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var width = Math.Max("configuration".Length, predictions.Max(p => p.Configuration.Id.Length));
        output.WriteLine($"{"configuration".PadRight(width)}  {"measured p50",12}  {"p99",10}  {"predicted p50",13}  {"p99",10}  {"error p50",9}  {"p99",7}");
        foreach (var p in predictions)
        {
            output.WriteLine(string.Create(c, $"{p.Configuration.Id.PadRight(width)}  {p.Measured.P50,10:F1}us  {p.Measured.P99,8:F1}us  {p.Predicted.P50,11:F1}us  {p.Predicted.P99,8:F1}us  {p.P50Error,9:+0.0%;-0.0%}  {p.P99Error,7:+0.0%;-0.0%}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"median absolute relative error (p50 and p99 of {predictions.Count} configurations): {Validator.MedianAbsoluteError(predictions):P1}"));
        output.WriteLine(string.Create(c, $"  p50 alone: {predictions.Select(p => Math.Abs(p.P50Error)).Median():P1}; p99 alone: {predictions.Select(p => Math.Abs(p.P99Error)).Median():P1} (the model has no host noise: its p99 is its p50 plus contention)"));
        var bursts = predictions.Where(p => p.Configuration.Burst).OrderBy(p => p.Configuration.Strategy, StringComparer.Ordinal).ThenBy(p => p.Configuration.Threads).ToList();
        if (bursts.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("bursts: start latency from the release, measured -> predicted (ms):");
            output.WriteLine($"  {"strategy",-14} {"N",4}  {"p50",-22} {"p90",-22} {"p99",-22} {"mean",-22}");
            static string Pair(double measured, double predicted) =>
                string.Create(CultureInfo.InvariantCulture, $"{measured / 1e3:F1} -> {predicted / 1e3:F1} ({(predicted - measured) / measured:+0%;-0%})");
            foreach (var b in bursts)
            {
                output.WriteLine(string.Create(c, $"  {b.Configuration.Strategy,-14} {b.Configuration.Threads,4}  {Pair(b.Measured.P50, b.Predicted.P50),-22} {Pair(b.Measured.P90, b.Predicted.P90),-22} {Pair(b.Measured.P99, b.Predicted.P99),-22} {Pair(b.Measured.Mean, b.Predicted.Mean),-22}"));
            }

            var errors = bursts.SelectMany(b => new[] { (b.Predicted.P50 - b.Measured.P50) / b.Measured.P50, (b.Predicted.Mean - b.Measured.Mean) / b.Measured.Mean }).Select(Math.Abs).ToList();
            output.WriteLine(string.Create(c, $"  median absolute relative error of the bursts' p50 and mean: {errors.Median():P1}; worst {errors.Max():P1}; within 25%: {errors.Count(e => e <= 0.25)} of {errors.Count}"));
        }

        if (predictions.Any(p => p.PredictedCalls.Count > 0))
        {
            output.WriteLine();
            output.WriteLine("each call's p50, measured -> predicted (us):");
            foreach (var p in predictions.Where(p => p.PredictedCalls.Count > 0))
            {
                var calls = p.PredictedCalls.OrderBy(k => k.Key, StringComparer.Ordinal)
                    .Select(k => (Name: k.Key, Measured: p.Configuration.SyscallLatencyUs[k.Key].P50, Predicted: k.Value.P50))
                    .Select(k => string.Create(c, $"{k.Name} {k.Measured:F1} -> {k.Predicted:F1} ({(k.Predicted - k.Measured) / k.Measured:+0%;-0%})"));
                output.WriteLine($"  {p.Configuration.Id.PadRight(width)}  {string.Join(", ", calls)}");
            }
        }
    }
}
