using System.CommandLine;
using MountSim.Kernel.Profiles;
using MountSim.Kernel.Profiles.Export;
using MountSim.Yaml;

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

    /// <summary>The profile named by an option or argument (the default when empty); errors go to <paramref name="error"/> and give null.</summary>
    public static KernelProfile? Resolve(string? nameOrPath, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return KernelProfileLibrary.Resolve(nameOrPath);
        }
        catch (Exception e) when (e is InputFileException or UnknownNameException)
        {
            error.WriteLine($"mountsim: {e.Message}");
            return null;
        }
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
            if (Resolve(parse.GetValue(profileArgument), parse.InvocationConfiguration.Error) is not { } profile)
            {
                return ExitCodes.BadInput;
            }

            KernelProfileTextWriter.Write(profile, parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }
}
