using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MountSim.Calibration.Harness;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>
/// The harness times the kernel, not .NET: its child runs without tiered compilation, and its setup p50
/// matches <c>tests/harness/setuptwin.c</c>, the same timed loop in C, run beside it on this host.
/// </summary>
[Collection(RealMountsCollection.Name)]
public sealed partial class HarnessTwinTests : IDisposable
{
    private const int Layers = 8;
    private const int Setups = 1000;

    /// <summary>Loose: a 2-vCPU guest runs a few hundred milliseconds at a time up to twice as fast or slow.</summary>
    private const double Tolerance = 0.25;

    private const int Rounds = 3;

    private readonly string _dir = Directory.CreateTempSubdirectory("mountsim-twin-test").FullName;

    [Fact]
    public void TheHarnessChildRunsWithoutTieredCompilation()
    {
        RealMountHost.SkipUnlessAvailable();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = PrivateMountNamespace.Run(["sh", "-c", $"echo \"${PrivateMountNamespace.TieredCompilationVariable}\""], _dir, output, error);

        Assert.True(code == 0, $"exit {code}; stderr: {error}");
        Assert.Equal("0", output.ToString().Trim());
    }

    [Fact]
    public void PerLayerSetupP50IsTheCTwins()
    {
        RealMountHost.SkipUnlessAvailable();
        var gcc = OnPath("gcc");
        if (gcc is null)
        {
            Assert.Skip("gcc is not installed: the C twin cannot be built.");
        }

        var twin = Path.Combine(_dir, "setuptwin");
        var (built, _, buildError) = Execute(gcc, "-O2", "-o", twin, TwinSource());
        Assert.True(built == 0, $"gcc: {buildError}");
        var before = RealMountHost.Mountinfo();

        // Twin, harness, twin: the harness is held to the twins' mean around it, so a slow spell of the host's falls on both sides.
        var rounds = new List<string>();
        var matched = false;
        for (var round = 0; round < Rounds && !matched; round++)
        {
            var first = TwinP50(twin);
            var harness = HarnessP50(round);
            var reference = (first + TwinP50(twin)) / 2;
            matched = Math.Abs((harness / reference) - 1) <= Tolerance;
            rounds.Add(FormattableString.Invariant($"twin {reference:F1} us, harness {harness:F1} us ({(harness / reference) - 1:+0%;-0%})"));
            TestContext.Current.TestOutputHelper?.WriteLine(rounds[^1]);
        }

        Assert.Equal(before, RealMountHost.Mountinfo());
        Assert.True(matched, $"per-layer setup p50 of {Layers} layers off the C twin's by more than {Tolerance:P0} in all {Rounds} rounds: {string.Join("; ", rounds)}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The twin's setup p50 in microseconds, on CPU 0 as the harness is pinned.</summary>
    private static double TwinP50(string twin)
    {
        var (code, output, error) = Execute(twin, "per-layer", Layers.ToString(CultureInfo.InvariantCulture), Setups.ToString(CultureInfo.InvariantCulture), "0");
        Assert.True(code == 0, $"setuptwin exit {code}: {error}");
        var match = TwinSummary().Match(output);
        Assert.True(match.Success, $"setuptwin printed: {output}");
        return double.Parse(match.Groups["p50"].Value, CultureInfo.InvariantCulture);
    }

    private double HarnessP50(int round)
    {
        var json = Path.Combine(_dir, $"h{round}.json");
        var (code, output, error) = CliRunner.Run(
            "harness", "run", "--strategy", "per-layer", "--layers", $"{Layers}", "--threads", "1", "--cpus", "0",
            "--iterations", $"{Setups}", "--probes", "0", "--out", json);
        Assert.True(code == 0, $"exit {code}; stdout: {output}; stderr: {error}");
        return HarnessMeasurementsJson.Read(json).Configurations.Single().SetupLatencyUs.P50;
    }

    private static string TwinSource()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var source = Path.Combine(directory.FullName, "tests", "harness", "setuptwin.c");
            if (File.Exists(source))
            {
                return source;
            }
        }

        throw new InvalidOperationException("No tests/harness/setuptwin.c above the test directory.");
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static (int Code, string Output, string Error) Execute(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail($"{program} ran over 60 s");
        }

        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    [GeneratedRegex(@"us: p50 (?<p50>[0-9.]+) p90 [0-9.]+ p99 [0-9.]+ max [0-9.]+")]
    private static partial Regex TwinSummary();
}
