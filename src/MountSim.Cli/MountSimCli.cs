using System.CommandLine;
using MountSim.Cli.Commands;
using MountSim.Files;

namespace MountSim.Cli;

/// <summary>The <c>mountsim</c> command tree; <see cref="Run"/> is the whole program, callable from tests.</summary>
public static class MountSimCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "MountSim: a discrete-event simulator of Linux kernel mount-lock contention (namespace_sem, " +
            "mount_lock) during container starts, on real CPU topologies.");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(SimulateCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        root.Subcommands.Add(TopologyCommand.Build());
        root.Subcommands.Add(KernelCommand.Build());
        root.Subcommands.Add(StrategyCommand.Build());
        root.Subcommands.Add(RuntimeCommand.Build());
        root.Subcommands.Add(HarnessCommand.Build());
        root.Subcommands.Add(CalibrateCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(CalibrateHostCommand.Build());
        return root;
    }

    /// <summary>
    /// Parses and runs one command line; returns the exit code (see <see cref="ExitCodes"/>). A target that
    /// may not be written (said before any work) exits 2, a file that could not be written exits 1.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"mountsim: {parseError.Message}");
            }

            error.WriteLine("Run 'mountsim --help' (or '--help' after a command) for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (OutputTargetException e)
        {
            error.WriteLine($"mountsim: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            error.WriteLine($"mountsim: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
