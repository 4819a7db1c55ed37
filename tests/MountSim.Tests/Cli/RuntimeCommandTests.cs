using MountSim.Cli;

namespace MountSim.Tests.Cli;

/// <summary><c>mountsim runtime show</c> through the whole command line.</summary>
public sealed class RuntimeCommandTests
{
    [Fact]
    public void ShowListsTheRangeAndWhyOfEachUncertainStep()
    {
        var (code, output, _) = CliRunner.Run("runtime", "show", "containerd-2.0");
        var ranges = output[output.IndexOf("ranges (what each uncertain figure may be, and why):", StringComparison.Ordinal)..];

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("  phases.containerd_create.steps[0]: 5 ms in [1 ms, 25 ms]: not measured (no containerd on the development host)", ranges, StringComparison.Ordinal);
        Assert.Contains("  phases.runc_create.steps[0]: 40 ms in [20 ms, 80 ms]: runc 1.1's measured work taken for runc 1.2's", ranges, StringComparison.Ordinal);
        Assert.DoesNotContain("phases.container_run", ranges, StringComparison.Ordinal);
    }
}
