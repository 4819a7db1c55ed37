namespace MountSim.Tests.Support;

/// <summary>The built command as a process of its own: the test project references the CLI project, so its assembly sits beside the tests.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "MountSim.Cli.dll");

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), else the one on the PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
