using System.CommandLine;
using MountSim.Hardware.Export;
using MountSim.Hardware.Sysfs;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim topology detect</c>: this host's topology from sysfs, as a topology file.</summary>
public static class DetectCommand
{
    public static Command Build()
    {
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the topology to this file instead of standard output." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var root = new Option<DirectoryInfo?>("--sysfs-root")
        {
            Description = "A directory standing in for / (holding sys/devices/system/cpu, optionally proc/self and sys/fs/cgroup), e.g. a captured tree.",
        };
        var command = new Command(
            "detect",
            "Detect this host's topology from /sys/devices/system/cpu and /sys/devices/system/node: the CPUs this process may use " +
            "(online, affinity, cpuset), SMT siblings, packages, last-level cache domains, NUMA nodes and distances. " +
            "Latencies cannot be read from the host: they are placeholders marked calibrate.")
        {
            outFile, force, root,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var rootDir = parse.GetValue(root);
            if (rootDir is { Exists: false })
            {
                error.WriteLine($"mountsim: --sysfs-root {rootDir.FullName} does not exist.");
                return ExitCodes.BadInput;
            }

            using var target = CliOptions.Claim(parse.GetValue(outFile), parse.GetValue(force));

            Detection detection;
            try
            {
                detection = new SysfsTopologyDetector(rootDir?.FullName ?? "/").Detect();
            }
            catch (TopologyDetectionException e)
            {
                error.WriteLine($"mountsim: detection failed: {e.Message}");
                return ExitCodes.RunFailed;
            }

            var yaml = TopologyYamlWriter.ToYaml(
                detection.Topology,
                "Written by 'mountsim topology detect'. Latencies, coherence service times and smt_slowdown are\nplaceholders marked calibrate in sources: measure them before trusting results.");
            if (target is null)
            {
                output.Write(yaml);
                return ExitCodes.Success;
            }

            target.Write(yaml);
            output.WriteLine($"Wrote {target.Path}: {TopologySummary.Shape(detection.Topology)} ({detection.Topology.Threads.Count} usable CPUs), LLC {TopologySummary.LlcLayout(detection.Topology)}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
