using MountSim.Cli;

namespace MountSim.Tests.Cli;

/// <summary>Runs one <c>mountsim</c> command line in process and captures what it printed.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = MountSimCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
