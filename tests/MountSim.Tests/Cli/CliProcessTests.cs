using System.Diagnostics;

namespace MountSim.Tests.Cli;

/// <summary>The built command run as its own process, as a user would run it.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task BenchEngineRunsAsASeparateProcess()
    {
        // The test project references the CLI project, so its assembly sits beside the tests.
        var cli = Path.Combine(AppContext.BaseDirectory, "MountSim.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} not found");

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "bench", "engine", "--acquisitions", "100000", "--repeat", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var cancellation = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}; stdout: {output}; stderr: {await stderr}");
        Assert.Contains("Engine benchmark: 64 workers", output, StringComparison.Ordinal);
        Assert.Contains("acquisitions/s", output, StringComparison.Ordinal);
        Assert.Contains("lock utilization", output, StringComparison.Ordinal);
        Assert.Contains("100,000", output, StringComparison.Ordinal);
    }

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
