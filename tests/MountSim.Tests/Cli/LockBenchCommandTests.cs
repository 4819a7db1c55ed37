using System.Text.Json.Nodes;
using MountSim.Cli;

namespace MountSim.Tests.Cli;

public sealed class LockBenchCommandTests
{
    [Fact]
    public void PrintsOneRowPerThreadCount()
    {
        var (code, output, _) = CliRunner.Run("simulate", "lockbench", "--topology", "aws-r5.metal", "--threads", "1,8", "--acquisitions", "2000");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("qspinlock on aws-r5.metal", output, StringComparison.Ordinal);
        Assert.Contains("ns/critical section", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.TrimStart().StartsWith("1 ", StringComparison.Ordinal) || l.TrimStart().StartsWith("8 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void JsonHasAPointPerThreadCount()
    {
        var (code, output, _) = CliRunner.Run("simulate", "lockbench", "--topology", "aws-m7a.24xlarge", "--lock", "ticket", "--threads", "2,4", "--acquisitions", "2000", "--json");

        Assert.Equal(ExitCodes.Success, code);
        var points = JsonNode.Parse(output)!["points"]!.AsArray();
        Assert.Equal([2, 4], points.Select(p => p!["threads"]!.GetValue<int>()));
        Assert.All(points, p => Assert.True(p!["ns_per_critical_section"]!.GetValue<double>() > 0));
    }

    [Theory]
    [InlineData("--lock", "mutex")]
    [InlineData("--threads", "0,2")]
    [InlineData("--threads", "200")]
    [InlineData("--critical-section", "fast")]
    [InlineData("--placement", "sprad")]
    [InlineData("--acquisitions", "0")]
    public void BadOptionsAreBadInput(string option, string value)
    {
        var (code, output, error) = CliRunner.Run("simulate", "lockbench", "--topology", "aws-r5.metal", option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.NotEqual(string.Empty, error);
    }

    [Fact]
    public void SimulateStillRunsABurst()
    {
        var (code, output, _) = CliRunner.Run("simulate", "--topology", "aws-r5.metal", "--containers", "10", "--layers", "5");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("10 containers x 5 layers", output, StringComparison.Ordinal);
    }
}
