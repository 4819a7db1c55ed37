using System.CommandLine;
using System.Globalization;
using MathNet.Numerics.Statistics;
using MountSim.Calibration;
using MountSim.Files;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Reporting;

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
        var command = new Command("validate", "Predict the measured configurations held out from the fit (fit: false) and report the relative error of p50 and p99.")
        {
            profile, measurements, topology, all, plot, seed, force,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var plotFile = parse.GetValue(plot) is { } file
                ? OutputFile.Claim(Path.ChangeExtension(file, ".png"), "--plot", parse.GetValue(force), Path.ChangeExtension(file, ".svg"))
                : null;
            var input = CommandInput.Load(error, () => (MeasuredHostSet.Load(parse.GetValue(measurements)!, parse.GetValue(topology), TopologyLibrary.Find()), KernelProfileLibrary.Resolve(parse.GetValue(profile))));
            if (input is not var (host, kernel))
            {
                return ExitCodes.BadInput;
            }

            var configurations = (parse.GetValue(all) ? host.Measurements.Configurations : host.Measurements.HeldOut).ToList();
            if (configurations.Count == 0)
            {
                error.WriteLine("mountsim: no configuration has fit: false; pass --all to predict the fitted ones.");
                return ExitCodes.BadInput;
            }

            var predictions = Validator.Predict(configurations, kernel, host.Topology, parse.GetValue(seed));
            Report(predictions, output);
            if (plotFile is not null)
            {
                foreach (var written in ChartFiles.Save(Validator.Chart(predictions, kernel.Name), Path.GetDirectoryName(plotFile.Path)!, Path.GetFileNameWithoutExtension(plotFile.Path)))
                {
                    output.WriteLine($"wrote {written}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

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
