using MountSim.Cli;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration.Harness;

/// <summary><c>mountsim calibrate-host</c>: harness runs, fit and validation on this host, into one report folder.</summary>
[Collection(RealMountsCollection.Name)]
public sealed class CalibrateHostCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mountsim-calibrate-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void TheWholeLoopWritesAReportFolderAndLeavesTheHostMountTableAlone()
    {
        RealMountHost.SkipUnlessAvailable();
        var before = RealMountHost.Mountinfo();

        var (code, output, error) = CliRunner.Run("calibrate-host", "--out", _folder, "--iterations", "5");

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Equal(before, RealMountHost.Mountinfo());
        foreach (var file in new[] { "path-walks.json", "fit-8x1.json", "fit-32x1.json", "fit-8x2.json", "fit-32x2.json", $"holdout-16x{Math.Max(2, Environment.ProcessorCount)}.json", "holdout-50x1.json", "noise-before.json", "noise-after.json", "profile.yaml", "topology.yaml", "validation.png", "validation.svg", "report.md" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, file)), $"{file} missing");
        }

        var report = File.ReadAllText(Path.Combine(_folder, "report.md"));
        Assert.Contains("median absolute relative error", report, StringComparison.Ordinal);
        Assert.Contains("measured directly by the harness probes", report, StringComparison.Ordinal);
        Assert.Contains("![Predicted against measured setup latency](validation.png)", report, StringComparison.Ordinal);

        // A finished report folder is kept unless forced.
        Assert.Equal(ExitCodes.BadInput, CliRunner.Run("calibrate-host", "--out", _folder).Code);
    }

    [Fact]
    public void WithRuncItFitsTheRuntimeAndPredictsTheBursts()
    {
        RealMountHost.SkipUnlessRuncAvailable();
        var before = RealMountHost.Mountinfo();

        var (code, output, error) = CliRunner.Run("calibrate-host", "--out", _folder, "--iterations", "5", "--runtime", "runc", "--starts", "3", "--bursts", "1", "--max-burst", "2");

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Equal(before, RealMountHost.Mountinfo());
        Assert.Empty(RealMountHost.HarnessCgroups());
        foreach (var file in new[] { "runc-table-0.json", "runc-table-4000.json", "runc-50x1.json", "runc-burst-1.json", "runc-burst-2.json", "runtime.yaml", "validation-burst-per-layer-50.png", "validation-burst-common-parent-50.png" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, file)), $"{file} missing");
        }

        var report = File.ReadAllText(Path.Combine(_folder, "report.md"));
        Assert.Contains("runc_create", report, StringComparison.Ordinal);
        Assert.Contains("median absolute relative error of the bursts' p50 and mean", report, StringComparison.Ordinal);
        Assert.Contains("fitted by mountsim calibrate", File.ReadAllText(Path.Combine(_folder, "runtime.yaml")), StringComparison.Ordinal);
    }
}
