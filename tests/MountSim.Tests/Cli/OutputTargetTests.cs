using MountSim.Calibration;
using MountSim.Cli;
using MountSim.Files;

namespace MountSim.Tests.Cli;

/// <summary>
/// Every command that writes checks where before it starts any work: a folder given as a file, a missing
/// folder, a file another process is writing. Nothing is measured or fitted only to be lost.
/// </summary>
public sealed class OutputTargetTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-targets-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public static TheoryData<string[]> FolderGivenAsAFile => new()
    {
        { ["harness", "run", "--iterations", "1", "--out", "{dir}"] },
        { ["harness", "noise", "--duration", "10ms", "--out", "{dir}"] },
        { ["harness", "lockbench", "--threads", "1", "--duration", "10ms", "--out", "{dir}"] },
        { ["harness", "c2c", "--out", "{dir}"] },
        { ["topology", "detect", "--out", "{dir}"] },
        { ["calibrate", "--measurements", "{measurements}", "--out", "{dir}"] },
        { ["calibrate", "--measurements", "{measurements}", "--out", "{dir}/p.yaml", "--topology-out", "{dir}"] },
        { ["validate", "--profile", "linux-6.17", "--measurements", "{measurements}", "--all", "--plot", "{dir}/absent/v.png"] },
    };

    [Theory]
    [MemberData(nameof(FolderGivenAsAFile))]
    public void ATargetThatCannotBeWrittenIsRefusedBeforeAnyWork(string[] args)
    {
        var measurements = Measurements();
        var before = Entries();

        var (code, output, error) = CliRunner.Run([.. args.Select(a => a.Replace("{dir}", _scratch, StringComparison.Ordinal).Replace("{measurements}", measurements, StringComparison.Ordinal))]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Matches("^mountsim: (--out|--topology-out|--plot) .*(is a folder; expected a file name|does not exist)", error);
        Assert.Equal(string.Empty, output);
        Assert.Equal(before, Entries());
    }

    [Fact]
    public void AFileAnotherProcessWritesIsRefused()
    {
        var target = Path.Combine(_scratch, "host.yaml");
        using var held = OutputFile.Claim(target, "--out", force: false);

        var (code, _, error) = CliRunner.Run("topology", "detect", "--out", target, "--force");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{target} is being written by another mountsim process", error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void CalibrateHostRefusesAFolderItDidNotMakeBeforeMeasuring()
    {
        var folder = Path.Combine(_scratch, "report");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.md"), "the user's");

        var (code, output, error) = CliRunner.Run("calibrate-host", "--out", folder, "--force");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("is not a folder MountSim made", error, StringComparison.Ordinal);
        Assert.Equal("the user's", File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    private string Measurements()
    {
        var path = Path.Combine(_scratch, "m.json");
        if (!File.Exists(path))
        {
            MeasurementsJson.Save(new Measurements(new MeasuredHost("6.17.0", 48, "aws-m7a.24xlarge"), [
                new("pl-4x1", "per-layer", 4, 1, 2, true, new LatencySummary(400, 450, 410, 2), new Dictionary<string, LatencySummary>()),
            ]), path);
        }

        return path;
    }

    private List<string> Entries() => [.. Directory.EnumerateFileSystemEntries(_scratch, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
