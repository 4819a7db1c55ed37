using System.Diagnostics;
using MountSim.Reporting;
using MountSim.Tests.Experiments;
using MountSim.Tests.Support;

namespace MountSim.Tests.Cli;

/// <summary>
/// What the image holds, without the image (no base image can be pulled here): the Dockerfile's own
/// <c>dotnet publish</c>, self-contained for linux-x64, into a temporary folder, then the published program run on a
/// small experiment from a clean folder, with no .NET to lean on, as the container runs it.
/// </summary>
public sealed class PublishedBinaryTests : IDisposable
{
    /// <summary>The publish step of src/MountSim.Cli/Dockerfile, but for its output folder.</summary>
    public const string PublishArguments = "src/MountSim.Cli/MountSim.Cli.csproj -c Release -r linux-x64 --self-contained true";

    private const string Small = """
        name: small
        seed: 11
        replications: 2
        scenario: {topology: aws-r5.metal, layers: 3, health_probes: 0}
        sweep:
          grid:
            strategy: [per-layer, common-parent]
            containers: [2, 8]
        metrics: [start_latency_mean_ms, failed_starts]
        plots:
          - line: {x: containers, y: start_latency_mean_ms, series: strategy}
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-publish-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TheSelfContainedProgramRunsAnExperimentFromACleanFolder()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the image is linux-x64");
        var published = Path.Combine(_root, "app");

        // Its own artifacts folder, so the publish never touches the checkout's bin/ and obj/ the tests run from.
        var (code, output) = await Run(CliProcess.DotnetHost, ["publish", .. PublishArguments.Split(' '), "-o", published, "--artifacts-path", Path.Combine(_root, "artifacts")], Path.GetDirectoryName(ShippedExperiments.Folder)!, TimeSpan.FromMinutes(4));
        Assert.SkipWhen(code is null, "dotnet publish took over 4 minutes on this machine");
        Assert.SkipWhen(code != 0 && (output.Contains("NU1101", StringComparison.Ordinal) || output.Contains("NU1301", StringComparison.Ordinal) || output.Contains("NU1102", StringComparison.Ordinal)), $"the linux-x64 runtime pack cannot be restored here: {output}");
        Assert.True(code == 0, output);

        var work = Path.Combine(_root, "work");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "small.yaml"), Small);
        var (runCode, runOutput) = await Run(Path.Combine(published, "MountSim.Cli"), ["run", "small.yaml", "--quiet"], work, TimeSpan.FromMinutes(2), new() { ["DOTNET_ROOT"] = Path.Combine(_root, "no-dotnet-here") });

        Assert.True(runCode == 0, runOutput);
        Assert.StartsWith("8 runs of small in ", runOutput, StringComparison.Ordinal);
        var folder = Path.Combine(work, "results", "small");
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, ResultsFolder.PlotsFolder)).Length);
        var inProcess = Path.Combine(_root, "in-process");
        CliRunner.Run("run", Path.Combine(work, "small.yaml"), "--out", inProcess, "--quiet");
        Assert.Equal(File.ReadAllBytes(Path.Combine(inProcess, "small", ResultsFolder.RunsTable)), File.ReadAllBytes(Path.Combine(folder, ResultsFolder.RunsTable)));
    }

    /// <summary>Runs a program to its end; the exit code (null past <paramref name="limit"/>) and all it printed.</summary>
    private static async Task<(int? Code, string Output)> Run(string program, string[] args, string directory, TimeSpan limit, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var cancellation = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (null, string.Empty);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
