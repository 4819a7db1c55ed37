using System.CommandLine;
using MountSim.Experiments;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Strategies;
using MountSim.Workload.Strategies.Export;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim strategy list|show</c>: how a runtime mounts an image's layers, and what that costs per container.</summary>
public static class StrategyCommand
{
    public static Command Build()
    {
        var strategy = new Command("strategy", "Mount strategies: the syscalls of each pass of a container start, and their accounting.");
        strategy.Subcommands.Add(BuildList());
        strategy.Subcommands.Add(BuildShow());
        return strategy;
    }

    private static Option<string?> KernelOption() =>
        new("--kernel") { Description = $"The kernel profile whose recipes the syscalls name (default {KernelProfileLibrary.DefaultName}); a name or a YAML file." };

    private static Command BuildList()
    {
        var kernel = KernelOption();
        var command = new Command("list", "List the shipped strategies: name, containerd versions, mount-table operations per start.") { kernel };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var profile = KernelProfileLibrary.Resolve(parse.GetValue(kernel));
            var strategies = MountStrategyLibrary.Names.Select(n => MountStrategyLibrary.Load(n, profile)).ToList();
            var width = strategies.Max(s => s.Name.Length);
            var versions = strategies.Select(s => string.Join(", ", s.ContainerdVersions)).ToList();
            var versionWidth = versions.Max(v => v.Length);
            foreach (var (strategy, version) in strategies.Zip(versions))
            {
                output.WriteLine($"{strategy.Name.PadRight(width)}  containerd {version.PadRight(versionWidth)}  mount-table ops per start {MountStrategyTextWriter.MountTableFormula(strategy, profile)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildShow()
    {
        var strategyArgument = new Argument<string>("strategy") { Description = "A shipped strategy's name (see 'strategy list') or a YAML file." };
        var layers = new Option<int>("--layers") { Description = "Image layers for the accounting.", DefaultValueFactory = _ => 50 };
        layers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--layers must be 0 or more.");
            }
        });
        var mounts = new Option<int>("--mounts") { Description = "The host's mount table when the start runs (runc's namespace pass copies and releases each mount).", DefaultValueFactory = _ => Scenario.DefaultBaseMounts };
        mounts.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--mounts must be 0 or more.");
            }
        });
        var kernel = KernelOption();
        var command = new Command("show", "Show a strategy: its passes as syscall trees, then per container start the syscalls, mount-table operations and lock sections.")
        {
            strategyArgument, layers, mounts, kernel,
        };
        command.SetAction(parse =>
        {
            var profile = KernelProfileLibrary.Resolve(parse.GetValue(kernel));
            var strategy = MountStrategyLibrary.Resolve(parse.GetValue(strategyArgument)!, profile);
            MountStrategyTextWriter.Write(strategy, profile, parse.GetValue(layers), parse.GetValue(mounts), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }
}
