using MountSim.Calibration.Harness;
using MountSim.Cli.Commands;
using MountSim.Tests.Cli;
using MountSim.Text;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>A harness run counts setups (<c>--iterations</c>) or times them (<c>--duration</c>), and the child gets the same run.</summary>
public sealed class HarnessOptionsTests
{
    private static readonly HarnessOptions Timed = new(
        [HarnessStrategy.PerLayer], 2, 1, "spread", null, TimeSpan.FromMilliseconds(300), HarnessOptions.Tmpfs, 0, false);

    [Fact]
    public void TheHarnessRefusesTheLayerCountsTheModelRefuses() => Assert.Equal(MountSim.Workload.ContainerStarts.MaxLayers, HarnessOptions.MaxLayers);

    [Fact]
    public void ATimedRunGoesToTheChildAsTheSameDuration()
    {
        var arguments = Timed.ToArguments();

        var parse = HarnessCommand.Build().Parse(["run", .. arguments]);

        Assert.Empty(parse.Errors);
        Assert.DoesNotContain("--iterations", arguments);
        Assert.True(Durations.TryParseNanoseconds(parse.GetValue<string>("--duration")!, out var ns));
        Assert.Equal(Timed.Duration, TimeSpan.FromTicks((long)(ns / 100)));
    }

    [Fact]
    public void ACountedRunGoesToTheChildWithoutADuration()
    {
        var counted = Timed with { Iterations = 7, Duration = null };

        var arguments = counted.ToArguments();

        Assert.Equal("7", arguments[arguments.ToList().IndexOf("--iterations") + 1]);
        Assert.DoesNotContain("--duration", arguments);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(5, 1.0)]
    public void ExactlyOneOfIterationsAndDuration(int? iterations, double? seconds)
    {
        Assert.Throws<ArgumentException>(() => new HarnessOptions(
            [HarnessStrategy.PerLayer], 2, 1, "spread", iterations, seconds is { } s ? TimeSpan.FromSeconds(s) : null, HarnessOptions.Tmpfs, 0, false));
    }

    [Theory]
    [InlineData(ContainerRuntime.None, false, 1)]
    [InlineData(ContainerRuntime.Runc, false, 0)]
    [InlineData(ContainerRuntime.None, true, 0)]
    public void PathWalkProbesAreOffByDefaultWhereTheyWouldTakeTheStartsCpu(ContainerRuntime runtime, bool burst, int probes) =>
        Assert.Equal(probes, HarnessOptions.DefaultProbes(runtime, burst));

    [Fact]
    public void ABurstWithARuntimeAndPaddingGoesToTheChildAsTheSameRun()
    {
        var burst = Timed with { Iterations = 3, Duration = null, Threads = 16, Burst = true, Runtime = ContainerRuntime.Runc, TableMounts = 250 };

        var arguments = burst.ToArguments();
        var parse = HarnessCommand.Build().Parse(["run", .. arguments]);

        Assert.Empty(parse.Errors);
        Assert.DoesNotContain("--threads", arguments);
        Assert.DoesNotContain("--placement", arguments);
        Assert.Equal((16, "runc", 250), (parse.GetValue<int?>("--burst"), parse.GetValue<string>("--runtime"), parse.GetValue<int>("--table-mounts")));
    }

    [Theory]
    [InlineData("--burst 4 --threads 2", "--burst 4: expected a whole number of at least 1, and neither --duration, --threads")]
    [InlineData("--burst 4 --duration 1s", "--burst 4: expected")]
    [InlineData("--burst 0", "--burst 0: expected a whole number of at least 1")]
    [InlineData("--burst 4 --cpus 0", "--burst 4: expected")]
    [InlineData("--layers 501", "--layers 501: an overlay takes at most 500 lower layers (OVL_MAX_STACK)")]
    [InlineData("--table-mounts 50001", "--table-mounts 50001: expected 0 to 50000")]
    [InlineData("--runtime crun", "Unknown runtime 'crun'; expected none, runc")]
    public void ABadRunIsRefusedBeforeAnythingIsMounted(string options, string message)
    {
        var (code, _, error) = CliRunner.Run(["harness", "run", .. options.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void IterationsAndDurationTogetherAreRefused()
    {
        var (code, _, error) = CliRunner.Run("harness", "run", "--iterations", "5", "--duration", "1s");

        Assert.Equal(2, code);
        Assert.Contains("give --iterations or --duration, not both", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("5")]
    [InlineData("soon")]
    [InlineData("0.5us")]
    public void ABadDurationIsRefusedNamingTheOption(string value)
    {
        var (code, _, error) = CliRunner.Run("harness", "run", $"--duration={value}");

        Assert.Equal(2, code);
        Assert.Contains($"--duration expects a time with a unit of at least 1ms (500ms, 1s, 2m), got '{value}'", error, StringComparison.Ordinal);
    }
}
