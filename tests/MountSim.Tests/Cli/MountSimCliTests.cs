using System.Text.Json;
using MountSim.Cli;

namespace MountSim.Tests.Cli;

/// <summary>The command line, run in-process through <see cref="MountSimCli.Run"/>.</summary>
public sealed class MountSimCliTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void HelpSucceedsAndListsTheBenchCommand()
    {
        var exitCode = Run("--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("bench", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _error.ToString());
    }

    [Fact]
    public void BenchEngineHelpSucceedsAndListsItsOptions()
    {
        var exitCode = Run("bench", "engine", "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        var help = _output.ToString();
        foreach (var option in new[] { "--workers", "--acquisitions", "--repeat", "--seed", "--json" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BenchEngineJsonReportsSaneFigures()
    {
        var exitCode = Run("bench", "engine", "--acquisitions", "200000", "--repeat", "1", "--json");

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}; output: {_output}; error: {_error}");
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.True(root.GetProperty("acquisitions_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("events_per_second").GetDouble() >= root.GetProperty("acquisitions_per_second").GetDouble());

        // Against the published closed form of the default model (64 workers, 10 ms, 0.2 ms).
        Assert.Equal(0.9916, root.GetProperty("utilization").GetDouble(), 0.02 * 0.9916);
        Assert.Equal(2.709, root.GetProperty("mean_wait").GetDouble(), 0.02 * 2.709);
        Assert.InRange(root.GetProperty("allocated_bytes_per_acquisition").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("special_purpose_loop_acquisitions_per_second").GetDouble() > 0);
        Assert.Equal(0.9916, root.GetProperty("analytic_utilization").GetDouble(), 0.00005);
        Assert.Equal(2.709, root.GetProperty("analytic_mean_wait").GetDouble(), 0.0005);
        Assert.Equal(200_000, root.GetProperty("acquisitions").GetInt64());
        Assert.Equal(64, root.GetProperty("workers").GetInt32());
        Assert.Equal(42UL, root.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void BenchEngineTableReportsUtilizationAndWait()
    {
        var exitCode = Run("bench", "engine", "--acquisitions", "50000", "--repeat", "1", "--workers", "4", "--seed", "5");

        // Four workers: a light load whose small run may miss the 1% check, so only the output is checked.
        Assert.True(exitCode is ExitCodes.Success or ExitCodes.RunFailed, $"exit {exitCode}; error: {_error}");
        var table = _output.ToString();
        Assert.Contains("4 workers", table, StringComparison.Ordinal);
        Assert.Contains("seed 5", table, StringComparison.Ordinal);
        Assert.Contains("lock utilization", table, StringComparison.Ordinal);
        Assert.Contains("mean wait (ms)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionIsBadInput()
    {
        var exitCode = Run("bench", "engine", "--bogus");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--bogus", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _output.ToString());
    }

    [Theory]
    [InlineData("--workers")]
    [InlineData("--acquisitions")]
    [InlineData("--repeat")]
    public void NonPositiveCountIsBadInput(string option)
    {
        var exitCode = Run("bench", "engine", option, "0");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"{option} expects a whole number from 1 to 2147483647, got '0'", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _output.ToString());
    }

    [Theory]
    [InlineData("--workers", "many")]
    [InlineData("--acquisitions", "99999999999")]
    [InlineData("--seed", "-1")]
    public void UnparsableValueIsBadInput(string option, string value)
    {
        var exitCode = Run("bench", "engine", option, value);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(value, _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _output.ToString());
    }

    [Fact]
    public void MissingOptionValueIsBadInput()
    {
        var exitCode = Run("bench", "engine", "--repeat");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--repeat", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommandIsBadInput()
    {
        var exitCode = Run("frobnicate");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("frobnicate", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBenchSubcommandIsBadInput()
    {
        var exitCode = Run("bench", "disk");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.NotEqual(string.Empty, _error.ToString());
    }

    private int Run(params string[] args) => MountSimCli.Run(args, _output, _error);
}
