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
        var output = new OutputOptions("Write this host's detected topology with the measured latencies to this YAML file.");
        var command = new Command(
            "c2c",
            "Measure one-way cache-line transfer latency per distance class (SMT sibling, same LLC, same socket, other socket: " +
            "whichever this host has): two threads pinned to a pair of CPUs ping-pong a counter on one 64-byte line; " +
            "a round trip moves the line twice, so round trip / 2 is reported, median over the samples.")
        {
            pairs, samples,
        };
        output.AddTo(command);
        command.SetAction(parse =>
        {
            using var target = output.Claim(parse);

            // A host whose topology cannot be read fails the measurement (exit 1, "c2c failed"): no option of c2c's is checked against it.
            var (topology, measured) = HarnessCommand.Measure("c2c", () =>
            {
                var host = new SysfsTopologyDetector().Detect().Topology;
                return (host, CacheLineLatency.MeasureClasses(host, parse.GetValue(pairs) == "all", parse.GetValue(samples)));
            });

            var console = parse.InvocationConfiguration.Output;
            foreach (var line in ClassLatencyTextWriter.Lines(measured))
            {
                console.WriteLine(line);
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
            console.WriteLine($"Wrote {target.Path}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
