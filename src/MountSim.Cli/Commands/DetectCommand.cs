using System.CommandLine;
using MountSim.Hardware.Export;
using MountSim.Hardware.Sysfs;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim topology detect</c>: this host's topology from sysfs, as a topology file.</summary>
public static class DetectCommand
{
    public static Command Build()
    {
        var output = new OutputOptions("Write the topology to this file instead of standard output.");
        var root = new Option<DirectoryInfo?>("--sysfs-root")
        {
            Description = "A directory standing in for / (holding sys/devices/system/cpu, optionally proc/self and sys/fs/cgroup), e.g. a captured tree.",
        };
        var command = new Command(
            "detect",
            "Detect this host's topology from /sys/devices/system/cpu and /sys/devices/system/node: the CPUs this process may use " +
            "(online, affinity, cpuset), SMT siblings, packages, last-level cache domains, NUMA nodes and distances. " +
            "Latencies cannot be read from the host: they are placeholders marked calibrate.");
        output.AddTo(command);
        command.Options.Add(root);
        command.SetAction(parse =>
        {
            var rootDir = parse.GetValue(root);
            if (rootDir is { Exists: false })
            {
                throw new CommandInputException($"--sysfs-root {rootDir.FullName} does not exist.");
            }

            using var target = output.Claim(parse);
            var console = parse.InvocationConfiguration.Output;
            var detection = new SysfsTopologyDetector(rootDir?.FullName ?? "/").Detect();
            var yaml = TopologyYamlWriter.ToYaml(
                detection.Topology,
                "Written by 'mountsim topology detect'. Latencies, coherence service times and smt_slowdown are\nplaceholders marked calibrate in sources: measure them before trusting results.");
            if (target is null)
            {
                console.Write(yaml);
                return ExitCodes.Success;
            }

            target.Write(yaml);
            console.WriteLine($"Wrote {target.Path}: {TopologySummary.Shape(detection.Topology)} ({detection.Topology.Threads.Count} usable CPUs), LLC {TopologySummary.LlcLayout(detection.Topology)}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
