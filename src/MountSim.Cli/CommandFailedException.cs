namespace MountSim.Cli;

/// <summary>
/// A command's work failed while running, not its input (e.g. a measurement the host would not do): the error
/// boundary prints the message, which says what failed, on one <c>mountsim: </c> line and exits 1.
/// </summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
