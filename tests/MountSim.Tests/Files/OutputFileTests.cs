using MountSim.Files;

namespace MountSim.Tests.Files;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-output-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void AClaimedFileIsWrittenAndItsLockRemoved()
    {
        var path = Path.Combine(_scratch, "profile.yaml");
        using (var file = OutputFile.Claim(path, "--out", force: false))
        {
            Assert.True(File.Exists(Path.Combine(_scratch, ".profile.yaml.lock")));
            file.Write("fitted");
        }

        Assert.Equal("fitted", File.ReadAllText(path));
        Assert.Equal(["profile.yaml"], Directory.GetFileSystemEntries(_scratch).Select(Path.GetFileName));
    }

    [Fact]
    public void AFolderIsNoFile()
    {
        var e = Assert.Throws<OutputTargetException>(() => OutputFile.Claim(_scratch, "--out", force: true));
        Assert.Equal($"--out {_scratch} is a folder; expected a file name", e.Message);
    }

    [Fact]
    public void AMissingFolderIsSaidBeforeAnyWork()
    {
        var e = Assert.Throws<OutputTargetException>(() => OutputFile.Claim(Path.Combine(_scratch, "absent", "m.json"), "--out", force: false));
        Assert.Contains($"the folder {Path.Combine(_scratch, "absent")} does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingFileOrCompanionNeedsForce()
    {
        var json = Path.Combine(_scratch, "m.json");
        var csv = Path.Combine(_scratch, "m.csv");
        File.WriteAllText(csv, "keep");

        var e = Assert.Throws<OutputTargetException>(() => OutputFile.Claim(json, "--out", force: false, csv));
        using var forced = OutputFile.Claim(json, "--out", force: true, csv);

        Assert.Equal($"--out {csv} exists; not overwriting it without --force", e.Message);
        Assert.Equal([csv], forced.Companions);
    }

    [Fact]
    public void ASecondWriterOfOneFileIsRefused()
    {
        var path = Path.Combine(_scratch, "m.json");
        using var first = OutputFile.Claim(path, "--out", force: false);

        var e = Assert.Throws<OutputTargetException>(() => OutputFile.Claim(path, "--out", force: true));

        Assert.Contains($"{path} is being written by another mountsim process", e.Message, StringComparison.Ordinal);
    }
}
