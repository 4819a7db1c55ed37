using System.Diagnostics;
using MountSim.Reporting;
using MountSim.Tests.Support;

namespace MountSim.Tests.Cli;

/// <summary>The built command run as its own process, as a user would run it.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task BenchEngineRunsAsASeparateProcess()
    {
        Assert.True(File.Exists(CliProcess.Dll), $"{CliProcess.Dll} not found");

        var (code, output, error) = await CliProcess.RunAsync(["bench", "engine", "--acquisitions", "100000", "--repeat", "1"], TimeSpan.FromSeconds(60));

        Assert.True(code == 0, $"exit {code}; stdout: {output}; stderr: {error}");
        Assert.Contains("Engine benchmark: 64 workers", output, StringComparison.Ordinal);
        Assert.Contains("acquisitions/s", output, StringComparison.Ordinal);
        Assert.Contains("lock utilization", output, StringComparison.Ordinal);
        Assert.Contains("100,000", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongSimulateSaysHowItGetsOnAndStopsOnSigtermSayingHowFarItGot()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal");
        var cli = CliProcess.Dll;
        var start = new ProcessStartInfo(CliProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "simulate", "--topology", "aws-r5.metal", "--containers", "3000", "--layers", "50", "--json" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var cancellation = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);

        // The first progress line comes after two seconds of running; then the run is asked to stop.
        var first = await process.StandardError.ReadLineAsync(cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellation);
        Assert.NotNull(first);
        Assert.Matches(@"^simulated [0-9.]+ s: [0-9,]+ of 3,000 starts done, [0-9.]+ M events/s, \d+ s so far$", first);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellation);
            Assert.Equal(0, kill.ExitCode);
        }

        var rest = await process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(60), cancellation);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("mountsim: interrupted, no result printed; simulated ", rest, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await stdout);
    }

    [Fact]
    public async Task APlanStopsOnSigtermKeepingItsSimulationsAndTheSameCommandResumesIt()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal");
        var root = Directory.CreateTempSubdirectory("mountsim-plan-term-").FullName;
        try
        {
            var file = Path.Combine(root, "busy.yaml");
            File.WriteAllText(file, """
                name: busy
                scenario: {topology: aws-r5.metal, layers: 50, path_walks: 200000}
                objective: [start_latency_p99_ms <= 5000]
                burst: {from: 8, max: 512, resolution: 0.2}
                replications: {min: 2, max: 3}
                """);
            var start = new ProcessStartInfo(CliProcess.DotnetHost)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { CliProcess.Dll, "plan", file, "--out", root, "--jobs", "1" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var cancellation = TestContext.Current.CancellationToken;
            var stderr = process.StandardError.ReadToEndAsync(cancellation);

            // Stopped once the first probe is decided: its simulations are saved, the search is not done.
            var first = await process.StandardOutput.ReadLineAsync(cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            Assert.StartsWith("base scenario, burst 8: holds", first, StringComparison.Ordinal);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancellation);
            }

            var rest = await process.StandardOutput.ReadToEndAsync(cancellation);
            await process.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(120), cancellation);

            Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}; stdout: {rest}; stderr: {await stderr}");
            Assert.Contains("interrupted: the simulations finished are kept in", rest, StringComparison.Ordinal);
            var (code, _, error) = CliRunner.Run("plan", file, "--out", root, "--quiet");
            Assert.True(code == 0, error);
            using var metadata = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "busy", PlanFolder.MetadataFile)));
            Assert.True(metadata.RootElement.GetProperty("simulations_resumed").GetInt32() > 0, "the resumed plan kept no simulation of the interrupted one");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
