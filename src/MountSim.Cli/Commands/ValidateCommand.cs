using System.CommandLine;
using MountSim.Calibration;
using MountSim.Calibration.Export;
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
            output.Write(ValidationText.Write(predictions));
            if (plotFile is not null)
            {
                foreach (var path in ValidationCharts.Save(predictions, kernel.Name, Path.GetDirectoryName(plotFile.Path)!, Path.GetFileNameWithoutExtension(plotFile.Path)))
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
}
