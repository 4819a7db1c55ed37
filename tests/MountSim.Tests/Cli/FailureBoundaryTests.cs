using System.Text.Json;
using MountSim.Cli;
using MountSim.Files;
using MountSim.Yaml;

namespace MountSim.Tests.Cli;

/// <summary>The one place a failure becomes a message and an exit code: what the user can mend is 2, what failed while running is 1, a bug says so.</summary>
public sealed class FailureBoundaryTests
{
    public static TheoryData<Exception, int, string> Failures => new()
    {
        { new InputFileException("t.yaml", 3, 5, "layout.sockets", "expected a whole number"), ExitCodes.BadInput, "t.yaml:3:5: layout.sockets: expected a whole number" },
        { new OutputTargetException("out.json is a folder"), ExitCodes.BadInput, "out.json is a folder" },
        { new UnauthorizedAccessException("Access to the path '/x' is denied."), ExitCodes.BadInput, "permission denied: Access to the path '/x' is denied." },
        { new JsonException("'}' is invalid"), ExitCodes.BadInput, "not valid JSON: '}' is invalid" },
        { new DirectoryNotFoundException("Could not find a part of the path '/gone/x'."), ExitCodes.RunFailed, "Could not find a part of the path '/gone/x'." },
        { new IOException("No space left on device"), ExitCodes.RunFailed, "No space left on device" },
        { new OutOfMemoryException(), ExitCodes.RunFailed, "out of memory: the run needs more than this machine has" },
        { new ArgumentOutOfRangeException("count"), ExitCodes.RunFailed, "internal error, a bug of MountSim's: ArgumentOutOfRangeException: " },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void EachFailureIsOneMessageWithItsExitCode(Exception failure, int code, string message)
    {
        var (exitCode, text) = MountSimCli.Failure(failure, verbose: false);

        Assert.Equal(code, exitCode);
        Assert.StartsWith(message, text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ABugAsksForVerboseAndVerboseAddsWhereItHappened()
    {
        Assert.EndsWith("(--verbose prints where)", MountSimCli.Failure(new InvalidOperationException("x"), verbose: false).Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--verbose", MountSimCli.Failure(new InvalidOperationException("x"), verbose: true).Message, StringComparison.Ordinal);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var directory = Path.Combine(Path.GetTempPath(), $"mountsim-verbose-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        try
        {
            // Every command takes --verbose; a folder given as the topology file is still one positioned line.
            var code = MountSimCli.Run(["topology", "show", Path.Combine(directory, "."), "--verbose"], output, error);

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.StartsWith("mountsim: ", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("--verbose", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }
}
