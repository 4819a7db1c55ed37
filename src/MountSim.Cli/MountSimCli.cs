using System.CommandLine;
using MountSim.Cli.Commands;
using MountSim.Files;

namespace MountSim.Cli;

/// <summary>The <c>mountsim</c> command tree; <see cref="Run"/> is the whole program, callable from tests.</summary>
public static class MountSimCli
{
    /// <summary>Every command's: on a failure, the stack trace after the message.</summary>
    private static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On a failure, print where it happened (the stack trace) after the message.",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "MountSim: a discrete-event simulator of Linux kernel mount-lock contention (namespace_sem, " +
            "mount_lock) during container starts, on real CPU topologies.");
        root.Options.Add(Verbose);
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(MergeCommand.Build());
        root.Subcommands.Add(PlanCommand.Build());
        root.Subcommands.Add(SensitivityCommand.Build());
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
    /// Parses and runs one command line; returns the exit code (see <see cref="ExitCodes"/>). The one place
    /// a failure becomes a message: what the user can mend (a target that may not be written, said before
    /// any work; an input file; a path without permission; a host the harness cannot measure) exits 2, what
    /// failed while running (a file that could not be written, a harness step, memory) exits 1, each as one
    /// <c>mountsim: </c> line; <c>--verbose</c> adds the stack trace, and anything else is said to be a bug.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                CliMessage.Write(error, parseError.Message);
            }

            error.WriteLine("Run 'mountsim --help' (or '--help' after a command) for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            var verbose = parse.GetValue(Verbose);
            var (code, message) = Failure(e, verbose);
            foreach (var line in e is CommandInputException input ? input.Problems : [message])
            {
                CliMessage.Write(error, line);
            }

            if (verbose)
            {
                error.WriteLine(e.ToString());
            }

            return code;
        }
    }

    /// <summary>What a failure says and the exit code it gives.</summary>
    public static (int Code, string Message) Failure(Exception failure, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure switch
        {
            CommandInputException or OutputTargetException or Yaml.InputFileException or Yaml.UnknownNameException or Hardware.UnknownTopologyException => (ExitCodes.BadInput, failure.Message),
            Calibration.Harness.HostUnsupportedException => (ExitCodes.BadInput, $"harness refused: {failure.Message}"),
            Calibration.Harness.HarnessException => (ExitCodes.RunFailed, $"harness failed: {failure.Message}"),
            CommandFailedException => (ExitCodes.RunFailed, failure.Message),
            Hardware.Sysfs.TopologyDetectionException => (ExitCodes.RunFailed, $"detection failed: {failure.Message}"),
            UnauthorizedAccessException => (ExitCodes.BadInput, $"permission denied: {failure.Message}"),
            System.Text.Json.JsonException => (ExitCodes.BadInput, $"not valid JSON: {failure.Message}"),
            IOException => (ExitCodes.RunFailed, failure.Message),
            OutOfMemoryException => (ExitCodes.RunFailed, "out of memory: the run needs more than this machine has; make it smaller (fewer containers, a shorter sweep)"),
            _ => (ExitCodes.RunFailed, $"internal error, a bug of MountSim's: {failure.GetType().Name}: {failure.Message}{(verbose ? string.Empty : " (--verbose prints where)")}"),
        };
    }
}
