using System.CommandLine;
using System.Globalization;
using MountSim.Calibration.Harness;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim harness noise</c>: the OS and hypervisor noise that preempts a lock's holder, by a selfish-detour loop per CPU.</summary>
internal static class HarnessNoiseCommand
{
    public static Command Build()
    {
        var duration = new Option<string>("--duration")
        {
            Description = "How long each CPU spins, with a unit: 500ms, 1s.",
            DefaultValueFactory = _ => "1s",
        };
        var cpus = new Option<string?>("--cpus") { Description = "CPUs to measure, e.g. 0-3,8 (default every CPU this process may run on)." };
        var threshold = new Option<string>("--threshold")
        {
            Description = $"A gap between two clock reads longer than this is a detour, with a unit of at least {SelfishDetour.MinThresholdNs:F0}ns: 500ns, 1us.",
            DefaultValueFactory = _ => "1us",
        };
        var output = new OutputOptions("Also write the measurement to this JSON file (schema mountsim-noise/1).");
        var command = new Command(
            "noise",
            "Selfish-detour probe of OS and hypervisor noise (Beckman et al. 2006): one thread pinned to each CPU, all started together, " +
            "reads the clock back to back for the duration; a gap longer than the threshold is a detour (timer tick, interrupt, kernel " +
            "thread, hypervisor exit). Reports per CPU detours per second of running and their p50, p99 and max, and pooled the rate, " +
            "the mean detour and the share of time lost. Needs no root.")
        {
            duration, cpus, threshold,
        };
        output.AddTo(command);
        command.SetAction(parse =>
        {
            using var target = output.Claim(parse);
            var topology = HarnessCommand.HostTopology();
            var (runFor, thresholdNs, measured) = CommandInput.Load(() => (
                HarnessCommand.Duration(parse.GetValue(duration)!),
                Threshold(parse.GetValue(threshold)!),
                parse.GetValue(cpus) is { } list ? NoiseCpus(list, topology) : [.. topology.Threads.Select(t => t.OsCpu).Order()]));
            var m = HarnessCommand.Measure("noise", () => SelfishDetour.Measure(topology, measured, runFor, thresholdNs));

            var console = parse.InvocationConfiguration.Output;
            foreach (var line in NoiseTextWriter.Lines(m, parse.GetValue(duration)!, thresholdNs))
            {
                console.WriteLine(line);
            }

            if (target is null)
            {
                return ExitCodes.Success;
            }

            NoiseMeasurementJson.Write(m, target.Path);
            console.WriteLine($"Wrote {target.Path}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static double Threshold(string text) =>
        Durations.TryParseNanoseconds(text, out var ns) && ns >= SelfishDetour.MinThresholdNs && double.IsFinite(ns)
            ? ns
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--threshold expects a time with a unit of at least {SelfishDetour.MinThresholdNs:F0}ns (500ns, 1us), got '{text}'."));

    // Spinning threads sharing a CPU would see each other's time slices as detours: each CPU once, and one this process may use.
    private static List<int> NoiseCpus(string list, Topology topology)
    {
        IReadOnlyList<int> cpus;
        try
        {
            cpus = CpuList.Parse(list);
        }
        catch (FormatException e)
        {
            throw new FormatException($"--cpus: {e.Message}", e);
        }

        var usable = topology.Threads.Select(t => t.OsCpu).ToHashSet();
        if (cpus.FirstOrDefault(c => !usable.Contains(c), -1) is var missing and >= 0)
        {
            throw new FormatException($"--cpus: CPU {missing} is not one this process may run on ({TopologySummary.Cpus(topology.Threads)}).");
        }

        return cpus.Count > 0 ? [.. cpus] : throw new FormatException($"--cpus '{list}' names no CPU; expected e.g. 0-3,8.");
    }
}
