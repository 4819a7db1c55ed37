using System.Diagnostics;
using MountSim.Cli;
using MountSim.Tests.Support;

namespace MountSim.Tests.Cli;

/// <summary>
/// Input made to hurt, through the command a user runs: each is refused with exit 2 and a message that
/// names the place, before any work, and nothing outside the results folder changes.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-hostile-").FullName;

    public static TheoryData<string, string, string> Experiments => new()
    {
        { "alias bomb", AliasBomb(), "bomb.yaml:6:55: its aliases expand it to more than 1,000,000 values" },
        { "deep nesting", "name: deep\nscenario: " + new string('[', 20_000) + new string(']', 20_000) + "\n", "bomb.yaml:2:74: nested deeper than 64 levels" },
        { "huge sweep", "name: huge\nscenario: {topology: aws-r5.metal}\nsweep:\n  grid:\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"    {SweptField(i)}: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n")), "bomb.yaml:4:3: sweep: 100,000,000 configurations x 3 replications" },
        { "replications overflow", "name: many\nreplications: 2000000000\nscenario: {topology: aws-r5.metal}\n", "bomb.yaml:2:15: replications: 1 configuration x 2,000,000,000 replications" },
        { "replications times a small sweep", "name: r\nreplications: 600000\nscenario: {topology: aws-r5.metal}\nsweep:\n  grid:\n    containers: [1, 2]\n", "bomb.yaml:2:15: replications: 2 configurations x 600,000 replications = 1,200,000 runs" },
        { "count too large", "name: big\nscenario: {topology: aws-r5.metal, base_mounts: 2147483647}\n", "scenario.base_mounts: expected a whole number from 0 to 100,000, got 2147483647" },
        { "tab", "name: t\nscenario:\n\ttopology: aws-r5.metal\n", "bomb.yaml:3:1: not valid YAML" },
        { "escaping name", "name: ../../victim\nscenario: {topology: aws-r5.metal}\n", "bomb.yaml:1:7: name:" },
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [MemberData(nameof(Experiments))]
    public void AHostileExperimentIsRefusedBeforeAnyWorkAndChangesNothing(string what, string yaml, string message)
    {
        var file = Path.Combine(_root, "bomb.yaml");
        File.WriteAllText(file, yaml);
        var before = Snapshot();

        var (code, _, error) = CliRunner.Run("run", file, "--out", Path.Combine(_root, "out"), "--quiet");

        Assert.True(code == ExitCodes.BadInput, $"{what}: exit {code}; {error}");
        Assert.Contains(message, error.Replace(_root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void ADeviceOrAFifoGivenAsAnExperimentIsRefusedWithoutReadingOrBlocking()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/bin/mkfifo"), "needs Linux and mkfifo");
        var fifo = Path.Combine(_root, "fifo.yaml");
        using (var mkfifo = Process.Start("/usr/bin/mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        foreach (var path in new[] { "/dev/zero", fifo })
        {
            var (code, _, error) = CliRunner.Run("run", path, "--out", Path.Combine(_root, "out"));

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains($"{path}: cannot read the file: not a regular file (a FIFO, a device, a socket or a folder)", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheBombsAreRefusedInsideAQuarterGigabyteHeapAndAMinute()
    {
        // The same refusals as a process with the GC's heap capped: the bounds, not luck, keep memory small.
        var file = Path.Combine(_root, "bomb.yaml");
        File.WriteAllText(file, AliasBomb());
        var start = new ProcessStartInfo(CliProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
        };
        foreach (var argument in new[] { CliProcess.Dll, "run", file, "--dry-run" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var cancellation = TestContext.Current.CancellationToken;
        var error = process.StandardError.ReadToEndAsync(cancellation);
        await process.StandardOutput.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(60), cancellation);

        Assert.Equal(ExitCodes.BadInput, process.ExitCode);
        Assert.Contains("its aliases expand it to more than 1,000,000 values", await error, StringComparison.Ordinal);
    }

    /// <summary>Nine anchors of ten references each: a kilobyte that stands for 10^9 values.</summary>
    internal static string AliasBomb() =>
        string.Join("\n", ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]", .. Enumerable.Range(1, 8).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]"), "name: bomb", "scenario: {topology: aws-r5.metal}", string.Empty]);

    private static string SweptField(int i) => MountSim.Experiments.ScenarioFields.Names[i];

    private SortedDictionary<string, DateTime> Snapshot() =>
        new(Directory.GetFiles(_root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc), StringComparer.Ordinal);
}
