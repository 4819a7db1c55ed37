using MountSim.Files;

namespace MountSim.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-atomic-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void AWriteReplacesTheFileAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_scratch, "report.md");
        File.WriteAllText(path, "old");

        AtomicFile.Write(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["report.md"], Directory.GetFiles(_scratch).Select(Path.GetFileName));
    }

    [Fact]
    public void AWriteThatFailsLeavesTheEarlierFileAndNoTemporaryFile()
    {
        var path = Path.Combine(_scratch, "report.md");
        File.WriteAllText(path, "old");
        Directory.CreateDirectory(Path.Combine(_scratch, "in-the-way"));

        // A rename onto a folder fails after the bytes were written: what a full disk or a crash also interrupts.
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(Path.Combine(_scratch, "in-the-way"), "new"));

        Assert.Contains($"cannot write {Path.Combine(_scratch, "in-the-way")}", e.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["report.md"], Directory.GetFiles(_scratch).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(".00003.json.0123456789ab.tmp", "00003.json")]
    [InlineData(".report.md.a1b2c3d4e5f6.tmp", "report.md")]
    [InlineData("00003.json", null)]
    [InlineData(".lock", null)]
    [InlineData(".x.tmp", null)]
    public void ATemporaryFileNamesTheFileItWasFor(string name, string? target) =>
        Assert.Equal(target, AtomicFile.TargetOfTemporary(name));
}
