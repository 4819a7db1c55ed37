using System.Diagnostics;
using MountSim.Tests.Support;

namespace MountSim.Tests.Cli;

/// <summary>
/// <c>mountsim run</c> on a filesystem that fills up: a real, tiny tmpfs in a private mount namespace
/// (util-linux's unshare, as root), so the host's mounts never change.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-full-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task AFullDiskFailsTheRunLeavesNoEmptyFileAndTheRunResumesOnceThereIsRoom()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root", "needs root on Linux to mount a tmpfs in a private mount namespace");
        Assert.SkipUnless(File.Exists("/usr/bin/unshare"), "needs util-linux's unshare");
        var experiment = Path.Combine(_root, "small.yaml");
        File.WriteAllText(experiment, """
            name: small
            seed: 11
            replications: 2
            scenario: {topology: aws-r5.metal, layers: 3, health_probes: 0}
            sweep:
              grid:
                strategy: [per-layer, common-parent]
                containers: [2, 4, 8]
            plots:
              - line: {x: containers, y: start_latency_mean_ms, series: strategy}
              - cdf: {series: strategy, where: {containers: 8}}
              - heatmap: {x: containers, y: strategy, metric: start_latency_mean_ms}
            """);
        var disk = Path.Combine(_root, "disk");
        Directory.CreateDirectory(disk);
        var folder = Path.Combine(disk, "out", "small");

        // 200 KB holds the runs but not the plots. Then the same tmpfs grows and the same command runs again.
        var script = $"""
            set -u
            mount -t tmpfs -o size=200k tmpfs '{disk}'
            "$0" '{CliProcess.Dll}' run '{experiment}' --out '{disk}/out' --quiet
            echo "first exit $?"
            echo "empty files: $(find '{folder}' -type f -size 0 ! -name .lock | wc -l)"
            grep -o '"finished": [a-z]*' '{folder}/manifest.json'
            mount -o remount,size=16m '{disk}'
            "$0" '{CliProcess.Dll}' run '{experiment}' --out '{disk}/out' --quiet
            echo "second exit $?"
            grep -o '"finished": [a-z]*' '{folder}/manifest.json'
            test -s '{folder}/report.md' && echo "report written"
            """;
        var start = new ProcessStartInfo("/usr/bin/unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-m", "--propagation", "private", "sh", "-c", script, CliProcess.DotnetHost })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("unshare did not start");
        var cancellation = TestContext.Current.CancellationToken;
        var error = process.StandardError.ReadToEndAsync(cancellation);
        var output = await process.StandardOutput.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromMinutes(2), cancellation);
        var said = await error;

        Assert.Contains("first exit 1", output, StringComparison.Ordinal);
        Assert.Contains("No space left on device", said, StringComparison.Ordinal);
        Assert.Contains("empty files: 0", output, StringComparison.Ordinal);
        Assert.Contains("\"finished\": false", output, StringComparison.Ordinal);
        Assert.Contains("second exit 0", output, StringComparison.Ordinal);
        Assert.Contains("\"finished\": true", output, StringComparison.Ordinal);
        Assert.Contains("report written", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), "the tmpfs left the host's view with its namespace");
    }
}
