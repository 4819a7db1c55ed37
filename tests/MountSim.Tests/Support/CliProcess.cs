using System.Diagnostics;

namespace MountSim.Tests.Support;

/// <summary>The built command as a process of its own: the test project references the CLI project, so its assembly sits beside the tests.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "MountSim.Cli.dll");

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), else the one on the PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Runs <c>mountsim ARGS</c> to its end, killed (and the test failed) past <paramref name="timeout"/>; the
    /// environment is this process's with <paramref name="unset"/> removed and <paramref name="set"/> added.
    /// </summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(
        IReadOnlyList<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? set = null, IReadOnlyList<string>? unset = null)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Dll, .. args])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in unset ?? [])
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in set ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var cancellation = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
