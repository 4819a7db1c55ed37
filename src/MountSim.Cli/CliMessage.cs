namespace MountSim.Cli;

/// <summary>How the program speaks on standard error: one line, prefixed with the program's name.</summary>
public static class CliMessage
{
    public const string Prefix = "mountsim: ";

    public static void Write(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine(Prefix + message);
    }
}
