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
using MountSim.Text;
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
            var error = parse.InvocationConfiguration.Error;
            using var profileFile = OutputFile.Claim(parse.GetValue(output)!, "--out", parse.GetValue(force));
            using var topologyFile = parse.GetValue(topologyOut) is { } topologyPath ? OutputFile.Claim(topologyPath, "--topology-out", parse.GetValue(force)) : null;
            using var runtimeFile = parse.GetValue(runtimeOut) is { } runtimePath ? OutputFile.Claim(runtimePath, "--runtime-out", parse.GetValue(force)) : null;

            var files = parse.GetValue(measurements)!;
            var (host, start) = CommandInput.Load(() => (MeasuredHostSet.Load(files, parse.GetValue(topology), TopologyLibrary.Find()), KernelProfileLibrary.Resolve(parse.GetValue(kernel))));
            if (!host.Measurements.ForFitting.Any(c => !c.HasRuntime && !c.Burst))
            {
                throw new CommandInputException("no configuration of the kernel's work alone (no runtime, no burst) has fit: true; mark the ones to fit to.");
            }

            var startRuntime = runtimeFile is null ? null : CommandInput.Load(() => RuntimeProfileLibrary.Resolve(parse.GetValue(runtime)!, start));

            var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var walkFiles = parse.GetValue(pathWalks) ?? [];
            var walkMeasurements = CommandInput.Load(() => walkFiles.Select(MeasurementsJson.Load).ToList());

            // A lookup's cost is measured, not fitted: the fit then starts from it.
            var measuredWalk = Calibrator.WithMeasuredPathWalk(
                start,
                walkMeasurements.SelectMany(m => m.Configurations),
                $"measured by mountsim calibrate from {string.Join(", ", walkFiles.Select(Path.GetFileName))} on {date}");
            var noiseFile = parse.GetValue(noise);
            var measuredNoise = noiseFile is null ? null : CommandInput.Load(() => NoiseMeasurementJson.Read(noiseFile).ToHostNoise());

            // The host's noise is measured, not fitted: the fit then simulates setups on the noisy host.
            var measuredHost = measuredNoise is { } hostNoise
                ? host.Topology.WithNoise(hostNoise, string.Create(CultureInfo.InvariantCulture, $"measured by mountsim harness noise: {Path.GetFileName(noiseFile)}, read on {date} ({hostNoise.DetoursPerSecond:F0} detours/s, mean {Durations.Format(hostNoise.Detours.Mean)})"))
                : host.Topology;
            var source = $"fitted by mountsim calibrate to {string.Join(", ", files.Select(Path.GetFileName))} on {date}";
            var result = Calibrator.Fit(host.Measurements, measuredWalk?.Profile ?? start, measuredHost, source, new CalibrationOptions(parse.GetValue(seed), parse.GetValue(iterations)));
            var name = Path.GetFileNameWithoutExtension(profileFile.Path);
            var profile = result.Profile.Renamed(name, $"{start.Name} fitted to {host.Measurements.Host.Kernel} on {host.Topology.Name} ({host.Measurements.Host.Cpus} CPUs): {source}.");
            profileFile.Write(KernelProfileYamlWriter.ToYaml(profile));
            stdout.Write(CalibrationText.Fit(result, host));
            stdout.WriteLine(measuredWalk is { PathWalkNs: var walk }
                ? $"path_walk {Durations.Format(walk)}: measured directly by the harness probes (idle stat() through a mountpoint; profile: {Durations.Format(start.Parameters.PathWalkNs)})"
                : "path_walk not measured: give --path-walks a harness file made with --probes 1 or more");
            stdout.WriteLine(measuredHost.Noise is { } n
                ? string.Create(CultureInfo.InvariantCulture, $"noise: {n.DetoursPerSecond:F0} detours/s per running CPU, mean {Durations.Format(n.Detours.Mean)}, {n.Share:P2} of its time (harness noise)")
                : "noise: none (give --noise a file from harness noise to simulate the host's detours)");
            stdout.WriteLine($"wrote {profileFile.Path}");
            if (runtimeFile is not null && startRuntime is { } runtimeStart)
            {
                var runtimeFit = RuntimeCostFit.Fit([.. host.Measurements.ForFitting], profile, runtimeStart, measuredHost, parse.GetValue(seed), $"fitted by mountsim calibrate to {string.Join(", ", files.Select(Path.GetFileName))} on {date}");
                runtimeFile.Write(RuntimeProfileYamlWriter.ToYaml(runtimeFit.Runtime with { Name = Path.GetFileNameWithoutExtension(runtimeFile.Path), Description = $"{runtimeStart.Name} fitted on {host.Topology.Name}: {runtimeStart.Description}" }));
                stdout.Write(CalibrationText.RuntimeFit(runtimeFit));
                stdout.WriteLine($"wrote {runtimeFile.Path}");
            }

            if (topologyFile is not null)
            {
                topologyFile.Write(TopologyYamlWriter.ToYaml(result.Topology, $"{host.Topology.Name} as measured; smt_slowdown {result.Topology.SmtSlowdown.ToString(CultureInfo.InvariantCulture)}: {result.Topology.SourceOf("smt_slowdown") ?? "as given"}"));
                stdout.WriteLine($"wrote {topologyFile.Path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
