using MountSim.Calibration;
using MountSim.Cli;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration;

public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mountsim-calibrate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ItRefusesToOverwriteWithoutForceAndWritesAProfileSimulateAccepts()
    {
        var measurements = Path.Combine(_directory, "m.json");
        MeasurementsJson.Save(new Measurements(new MeasuredHost("6.17.0", 48, "aws-m7a.24xlarge"), [
            new("pl-4x1", "per-layer", 4, 1, 2, true, new LatencySummary(400, 450, 410, 2), new Dictionary<string, LatencySummary>()),
            new("cp-4x1", "common-parent", 4, 1, 2, false, new LatencySummary(300, 330, 305, 2), new Dictionary<string, LatencySummary>()),
        ]), measurements);
        var profile = Path.Combine(_directory, "fitted.yaml");
        File.WriteAllText(profile, "keep");

        var refused = CliRunner.Run("calibrate", "--measurements", measurements, "--out", profile);
        var fitted = CliRunner.Run("calibrate", "--measurements", measurements, "--out", profile, "--force", "--max-iterations", "20");
        var simulated = CliRunner.Run("simulate", "--topology", "aws-m7a.24xlarge", "--kernel", profile, "--containers", "2", "--layers", "4");
        var validated = CliRunner.Run("validate", "--profile", profile, "--measurements", measurements, "--plot", Path.Combine(_directory, "v.png"));

        Assert.Equal(ExitCodes.BadInput, refused.Code);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, fitted.Code);
        Assert.Contains("cpu_scale", fitted.Output, StringComparison.Ordinal);
        Assert.Contains("fitted by mountsim calibrate to m.json", File.ReadAllText(profile), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, simulated.Code);
        Assert.Equal(ExitCodes.Success, validated.Code);
        Assert.Contains("cp-4x1", validated.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "v.png")));
    }
}
