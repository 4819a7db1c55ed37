namespace MountSim.Cli;

/// <summary>What <c>mountsim</c> returns to the shell.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but its result is a failure (e.g. a check against theory did not hold).</summary>
    public const int RunFailed = 1;

    /// <summary>The command line or an input file is wrong; nothing was run.</summary>
    public const int BadInput = 2;
}
