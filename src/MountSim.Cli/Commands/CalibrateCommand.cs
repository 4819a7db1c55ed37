using System.CommandLine;
using MountSim.Calibration;
using MountSim.Calibration.Export;
using MountSim.Calibration.Harness;
using MountSim.Files;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Kernel.Profiles;
using MountSim.Kernel.Profiles.Export;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Runtimes.Export;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim calibrate</c>: fit a kernel profile's costs to harness measurements and write the fitted profile.</summary>
public static class CalibrateCommand
{
    public static Command Build()
    {
        var measurements = new Option<string[]>("--measurements") { Description = "Harness measurement files (JSON); configurations with fit: true are fitted.", Required = true, AllowMultipleArgumentsPerToken = true };
        var topology = new Option<string?>("--topology") { Description = "The measured host: a shipped topology's name or a YAML file (default: the files' host.topology)." };
        var kernel = new Option<string?>("--kernel") { Description = $"The profile to start from and keep the recipes of: a shipped name or a YAML file (default {KernelProfileLibrary.DefaultName})." };
        var output = new Option<string>("--out") { Description = "Where to write the fitted profile (YAML).", Required = true };
        var topologyOut = new Option<string?>("--topology-out") { Description = "Also write the measured host's topology with what the fit learned about it (smt_slowdown, when a fit run pinned threads to SMT siblings), for validate --topology." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out and --topology-out if they exist." };
        var iterations = CliOptions.PositiveInt("--max-iterations", "Simplex steps at most (each simulates every fitted configuration).", 300);
        var pathWalks = new Option<string[]>("--path-walks") { Description = "Harness files whose probes timed stat() through a mountpoint (--probes 1 or more): their idle p50 sets path_walk directly.", AllowMultipleArgumentsPerToken = true };
        var noise = new Option<string?>("--noise") { Description = "A file from harness noise: the host's measured detours go into the topology the fit simulates (and --topology-out writes)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every simulation, so the fit is deterministic.", DefaultValueFactory = _ => 1 };
        var runtime = new Option<string>("--runtime") { Description = "The runtime profile whose phases the harness's container starts (harness run --runtime runc) fit: a shipped name or a YAML file.", DefaultValueFactory = _ => "runc-1.1" };
        var runtimeOut = new Option<string?>("--runtime-out") { Description = "Also fit the runtime profile's userspace work and mountinfo parsing per phase to the files' one-thread container starts, and write it here (YAML)." };
        var command = new Command(
            "calibrate",
            "Fit the kernel profile's costs to harness measurements: each timed call's fixed and per-layer cpu work and the expedited grace period " +
            "from one-thread call timings, then the grace period's cost per busy CPU, the rwsem wake-up, mntid_alloc and percpu_sum_per_cpu " +
            "(and a CPU speed factor when no call was timed) from setup latencies, each only where the data constrain it.")
        {
            measurements, topology, kernel, output, topologyOut, force, iterations, pathWalks, noise, seed, runtime, runtimeOut,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            using var profileFile = OutputFile.Claim(parse.GetValue(output)!, "--out", parse.GetValue(force));
            using var topologyFile = parse.GetValue(topologyOut) is { } topologyPath ? OutputFile.Claim(topologyPath, "--topology-out", parse.GetValue(force)) : null;
            using var runtimeFile = parse.GetValue(runtimeOut) is { } runtimePath ? OutputFile.Claim(runtimePath, "--runtime-out", parse.GetValue(force)) : null;

            var request = CommandInput.Load(() =>
            {
                var start = KernelProfileLibrary.Resolve(parse.GetValue(kernel));
                return HostCalibrationRequest.Load(
                    parse.GetValue(measurements)!,
                    parse.GetValue(topology),
                    TopologyLibrary.Find(),
                    start,
                    parse.GetValue(pathWalks) ?? [],
                    parse.GetValue(noise) is { } noiseFile ? (NoiseMeasurementJson.Read(noiseFile).ToHostNoise(), noiseFile) : null,
                    runtimeFile is null ? null : RuntimeProfileLibrary.Resolve(parse.GetValue(runtime)!, start),
                    DateOnly.FromDateTime(DateTime.UtcNow));
            });
            var calibration = HostCalibration.Fit(
                request,
                new CalibrationOptions(parse.GetValue(seed), parse.GetValue(iterations)),
                Path.GetFileNameWithoutExtension(profileFile.Path),
                runtimeFile is null ? string.Empty : Path.GetFileNameWithoutExtension(runtimeFile.Path));
            stdout.Write(CalibrationText.Write(calibration));
            profileFile.Write(KernelProfileYamlWriter.ToYaml(calibration.Profile));
            stdout.WriteLine($"wrote {profileFile.Path}");
            if (runtimeFile is not null && calibration.Runtime is { } runtimeFit)
            {
                runtimeFile.Write(RuntimeProfileYamlWriter.ToYaml(runtimeFit.Runtime));
                stdout.WriteLine($"wrote {runtimeFile.Path}");
            }

            if (topologyFile is not null)
            {
                topologyFile.Write(TopologyYamlWriter.ToYaml(calibration.Topology, calibration.TopologyDescription));
                stdout.WriteLine($"wrote {topologyFile.Path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
