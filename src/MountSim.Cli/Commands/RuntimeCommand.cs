using System.CommandLine;
using MountSim.Experiments;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Runtimes.Export;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim runtime list|show</c>: what a container runtime does per start around the strategy's mounts.</summary>
public static class RuntimeCommand
{
    public static Command Build()
    {
        var runtime = new Command("runtime", "Container runtimes: their phases of userspace work, syscalls and mount-table reads per start.");
        var kernel = new Option<string?>("--kernel") { Description = "The kernel profile whose recipes the syscalls name; a name or a YAML file." };
        var list = new Command("list", "List the runtimes: name, version, phases, userspace work and mountinfo reads per start.") { kernel };
        list.SetAction(parse =>
        {
            var profile = KernelProfileLibrary.Resolve(parse.GetValue(kernel));
            var width = RuntimeProfileLibrary.Names.Max(n => n.Length);
            foreach (var name in RuntimeProfileLibrary.Names)
            {
                var marker = name == RuntimeProfileLibrary.DefaultName ? " (default)" : string.Empty;
                parse.InvocationConfiguration.Output.WriteLine($"{name.PadRight(width)}  {RuntimeProfileTextWriter.Summary(RuntimeProfileLibrary.Load(name, profile))}{marker}");
            }

            return ExitCodes.Success;
        });

        var name = new Argument<string>("runtime") { Description = "A runtime's name (see 'runtime list') or a YAML file." };
        var mounts = CliOptions.PositiveInt("--mounts", "The host's mount table for the per-start figures (the runtime parses every line of each read).", Scenario.DefaultBaseMounts);
        var showKernel = new Option<string?>("--kernel") { Description = "The kernel profile whose recipes the syscalls name; a name or a YAML file." };
        var show = new Command("show", "Show a runtime: each phase's steps with their sources, then its userspace time per start.") { name, mounts, showKernel };
        show.SetAction(parse =>
        {
            var profile = KernelProfileLibrary.Resolve(parse.GetValue(showKernel));
            var resolved = CommandInput.Load(() => RuntimeProfileLibrary.Resolve(parse.GetValue(name)!, profile));
            parse.InvocationConfiguration.Output.Write(RuntimeProfileTextWriter.ToText(resolved, parse.GetValue(mounts)));
            return ExitCodes.Success;
        });

        runtime.Subcommands.Add(list);
        runtime.Subcommands.Add(show);
        return runtime;
    }
}
