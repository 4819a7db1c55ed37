using MountSim.Files;

namespace MountSim.Tests.Files;

public sealed class OwnedFolderTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-owned-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void EveryFileIsListedBeforeItIsWrittenAndFinishedComesLast()
    {
        var path = Path.Combine(_scratch, "results");
        using (var folder = OwnedFolder.Open(path, "test results"))
        {
            Assert.Null(folder.Previous);
            folder.Restart("one");
            folder.Write("tables/a.csv", "a");
            Assert.False(Manifest(path).Finished);
            Assert.Equal(["tables/a.csv"], Manifest(path).Files);
            folder.Finish();
        }

        using var again = OwnedFolder.Open(path, "test results");
        var previous = again.Previous!;
        Assert.Equal(("test results", "one", true), (previous.Kind, previous.Identity, previous.Finished));
        Assert.Equal(["tables/a.csv"], previous.Files);
    }

    [Fact]
    public void RestartRemovesTheListedFilesTheirTemporaryFilesAndNothingElse()
    {
        var path = Path.Combine(_scratch, "results");
        using (var folder = OwnedFolder.Open(path, "test results"))
        {
            folder.Restart("one");
            folder.Write("runs/00000.json", "{}");
            folder.Write("report.md", "r");
        }

        File.WriteAllText(Path.Combine(path, "runs", ".00000.json.0123456789ab.tmp"), "crash leftover");
        File.WriteAllText(Path.Combine(path, "runs", "notes.txt"), "the user's");
        File.WriteAllText(Path.Combine(path, "mine.md"), "the user's");

        using (var folder = OwnedFolder.Open(path, "test results"))
        {
            folder.Restart("two");
        }

        Assert.Equal(["notes.txt"], Directory.GetFiles(Path.Combine(path, "runs")).Select(Path.GetFileName));
        Assert.Equal([".lock", "manifest.json", "mine.md"], Directory.GetFiles(path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Manifest(path).Files);
    }

    [Fact]
    public void AnEmptiedSubfolderGoes()
    {
        var path = Path.Combine(_scratch, "results");
        using var folder = OwnedFolder.Open(path, "test results");
        folder.Write("plots/a.png", "png");

        folder.Restart("two");

        Assert.False(Directory.Exists(Path.Combine(path, "plots")));
    }

    [Fact]
    public void AnotherProgramsFolderIsRefused()
    {
        File.WriteAllText(Path.Combine(_scratch, "thesis.tex"), "years of work");

        var e = Assert.Throws<OutputTargetException>(() => OwnedFolder.Open(_scratch, "test results"));

        Assert.Contains("is not a folder MountSim made (it has no manifest.json)", e.Message, StringComparison.Ordinal);
        Assert.Equal(["thesis.tex"], Directory.GetFileSystemEntries(_scratch).Select(Path.GetFileName));
    }

    [Fact]
    public void AnotherKindOfMountSimFolderIsRefused()
    {
        using (OwnedFolder.Open(_scratch, "calibration report"))
        {
        }

        var e = Assert.Throws<OutputTargetException>(() => OwnedFolder.Open(_scratch, "experiment results"));
        Assert.Contains("holds MountSim's calibration report, not experiment results", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\": \"mountsim-folder/1\", \"kind\": \"test results\", \"identity\": \"x\", \"finished\": false, \"files\": [\"../../etc/passwd\"]}")]
    [InlineData("{\"format\": \"mountsim-folder/1\", \"kind\": \"test results\", \"identity\": \"x\", \"finished\": false, \"files\": [\"/etc/passwd\"]}")]
    public void ADamagedOrHostileManifestIsRefusedAndNothingRemoved(string manifest)
    {
        File.WriteAllText(Path.Combine(_scratch, OwnedFolder.ManifestFile), manifest);

        var e = Assert.Throws<OutputTargetException>(() => OwnedFolder.Open(_scratch, "test results"));

        Assert.Contains("manifest.json is damaged, so MountSim cannot tell which files there are its own", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondOpenIsRefusedWhileTheFirstHoldsTheFolder()
    {
        using var first = OwnedFolder.Open(_scratch, "test results");

        var e = Assert.Throws<OutputTargetException>(() => OwnedFolder.Open(_scratch, "test results"));

        Assert.Contains($"{_scratch} is being written by another mountsim process", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileIsNoFolder()
    {
        var file = Path.Combine(_scratch, "results");
        File.WriteAllText(file, "x");

        var e = Assert.Throws<OutputTargetException>(() => OwnedFolder.Open(file, "test results"));

        Assert.Equal($"{file} is a file; expected a folder for the test results", e.Message);
    }

    private static FolderManifest Manifest(string folder) =>
        FolderManifest.Parse(File.ReadAllText(Path.Combine(folder, OwnedFolder.ManifestFile)))!;
}
