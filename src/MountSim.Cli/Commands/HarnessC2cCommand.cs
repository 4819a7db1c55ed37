using System.CommandLine;
using System.Globalization;
using MountSim.Calibration.Harness;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Sysfs;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim harness c2c</c>: one-way cache-line transfer latency between pinned CPU pairs, per distance class.</summary>
internal static class HarnessC2cCommand
{
    public static Command Build()
    {
        var pairs = new Option<string>("--pairs")
        {
            Description = $"CPU pairs to measure: classes (up to {CacheLineLatency.PairsPerClass} per distance class) or all.",
            DefaultValueFactory = _ => "classes",
        };
        pairs.AcceptOnlyFromAmong("classes", "all");
        var samples = CliOptions.PositiveInt("--samples", $"Samples per pair, each {CacheLineLatency.RoundTripsPerSample} round trips, after {CacheLineLatency.WarmupSamples} warm-up samples.", 100);
        var outFile = new Option<FileInfo?>("--out") { Description = "Write this host's detected topology with the measured latencies to this YAML file." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var command = new Command(
            "c2c",
            "Measure one-way cache-line transfer latency per distance class (SMT sibling, same LLC, same socket, other socket: " +
            "whichever this host has): two threads pinned to a pair of CPUs ping-pong a counter on one 64-byte line; " +
            "a round trip moves the line twice, so round trip / 2 is reported, median over the samples.")
        {
            pairs, samples, outFile, force,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var target = CliOptions.Claim(parse.GetValue(outFile), parse.GetValue(force));

            Topology topology;
            IReadOnlyList<ClassLatency> measured;
            try
            {
                topology = new SysfsTopologyDetector().Detect().Topology;
                measured = CacheLineLatency.MeasureClasses(topology, parse.GetValue(pairs) == "all", parse.GetValue(samples));
            }
            catch (Exception e) when (e is TopologyDetectionException or HarnessException)
            {
                error.WriteLine($"mountsim: c2c failed: {e.Message}");
                return ExitCodes.RunFailed;
            }

            void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
            Line($"{"class",-13} {"pairs",5} {"median",8} {"p10",8} {"p90",8}  (ns, one way)");
            foreach (var m in measured)
            {
                Line($"{LatencyTable.KeyOf(m.Distance),-13} {m.Pairs,5} {m.MedianNs,8:F1} {m.P10Ns,8:F1} {m.P90Ns,8:F1}");
            }

            if (measured.Count == 0)
            {
                output.WriteLine("No two CPUs to measure between on this host.");
            }

            if (target is null)
            {
                return ExitCodes.Success;
            }

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var filled = CacheLineLatency.WithMeasured(topology, measured, today);
            var classes = measured.Count == 0 ? "no latency class" : string.Join(", ", measured.Select(m => LatencyTable.KeyOf(m.Distance)));
            var description = string.Create(CultureInfo.InvariantCulture, $"Detected from sysfs by mountsim harness c2c, which measured {classes} on {today:yyyy-MM-dd}; other figures are placeholders to calibrate.");
            var yaml = TopologyYamlWriter.ToYaml(
                new Topology(filled.Spec with { Description = description }),
                "Written by 'mountsim harness c2c': detected topology with measured cache-line latencies.\nCoherence service times and smt_slowdown are still placeholders marked calibrate in sources.");
            target.Write(yaml);
            output.WriteLine($"Wrote {target.Path}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
