using System.CommandLine;
using MountSim.Kernel.Profiles;
using MountSim.Kernel.Profiles.Export;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim kernel list|show</c>: the kernel profiles, i.e. each syscall's locks and costs.</summary>
public static class KernelCommand
{
    public static Command Build()
    {
        var kernel = new Command("kernel", "Kernel profiles: each mount syscall as a recipe of lock sections and costs.");
        kernel.Subcommands.Add(BuildList());
        kernel.Subcommands.Add(BuildShow());
        return kernel;
    }

    private static Command BuildList()
    {
        var command = new Command("list", "List the shipped kernel profiles.");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            foreach (var name in KernelProfileLibrary.Names)
            {
                var profile = KernelProfileLibrary.Load(name);
                output.WriteLine($"{name}{(name == KernelProfileLibrary.DefaultName ? " (default)" : string.Empty)}  Linux {profile.KernelVersion}  {profile.RecipeList.Count} recipes  {profile.Description}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildShow()
    {
        var profileArgument = new Argument<string?>("profile")
        {
            Description = $"A shipped profile's name or a YAML file (default {KernelProfileLibrary.DefaultName}).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("show", "Show a profile: parameters with sources, and each syscall's recipe as a tree with costs.") { profileArgument };
        command.SetAction(parse =>
        {
            KernelProfileTextWriter.Write(KernelProfileLibrary.Resolve(parse.GetValue(profileArgument)), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }
}
