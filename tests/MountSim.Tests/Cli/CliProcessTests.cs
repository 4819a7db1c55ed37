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
            // Stopped once the first probe is decided: its simulations are saved, the search is not done.
            var (first, exit, rest) = await TerminatedAfterFirstLine(["plan", file, "--out", root, "--jobs", "1"], progressOnStderr: false);

            Assert.StartsWith("base scenario, burst 8: holds", first, StringComparison.Ordinal);
            Assert.True(exit == 1, $"exit {exit}; {rest}");
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

    [Fact]
    public async Task ASensitivityStudyStopsOnSigtermKeepingItsSimulationsAndTheSameCommandResumesIt()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal");
        var root = Directory.CreateTempSubdirectory("mountsim-sensitivity-term-").FullName;
        try
        {
            var file = Path.Combine(root, "busy.yaml");
            File.WriteAllText(file, """
                name: busy
                scenario: {topology: aws-r5.metal, layers: 50, containers: 20, path_walks: 200000}
                outputs: [start_latency_mean_ms]
                vary: [topology:nr_possible_cpus, topology:smt_slowdown, kernel:parameters.rwsem_wakeup]
                morris: {trajectories: 10}
                sobol: {keep: 2, base_samples: 8, bootstrap: 100}
                """);
            // Stopped once the first tenth of the screening is done: those simulations are saved, the study is not.
            var (first, exit, rest) = await TerminatedAfterFirstLine(["sensitivity", file, "--out", root, "--jobs", "1"], progressOnStderr: true);

            Assert.StartsWith("one at a time and Morris screening: 4/47 simulations", first, StringComparison.Ordinal);
            Assert.True(exit == 1, $"exit {exit}; {rest}");
            Assert.Contains("interrupted: the simulations finished are kept in", rest, StringComparison.Ordinal);
            var (code, _, error) = CliRunner.Run("sensitivity", file, "--out", root, "--quiet");
            Assert.True(code == 0, error);
            Assert.Matches(@"""runs_resumed"": [1-9]\d*,", File.ReadAllText(Path.Combine(root, "busy", "metadata.json")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Starts the command, sends it SIGTERM once it has printed its first line of progress (on stderr or stdout), and
    /// returns that line, the exit code and the rest of stdout with all of stderr.
    /// </summary>
    private static async Task<(string? First, int ExitCode, string Output)> TerminatedAfterFirstLine(string[] arguments, bool progressOnStderr)
    {
        var start = new ProcessStartInfo(CliProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[CliProcess.Dll, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var cancellation = TestContext.Current.CancellationToken;
        var (progress, other) = progressOnStderr ? (process.StandardError, process.StandardOutput) : (process.StandardOutput, process.StandardError);
        var otherText = other.ReadToEndAsync(cancellation);
        var first = await progress.ReadLineAsync(cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellation);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellation);
        }

        var rest = await progress.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(120), cancellation);
        var stdout = progressOnStderr ? await otherText : rest;
        var stderr = progressOnStderr ? rest : await otherText;
        return (first, process.ExitCode, $"stdout: {stdout}; stderr: {stderr}");
    }
}
