using MountSim.Experiments;
using MountSim.Files;
using MountSim.Kernel.Profiles;
using MountSim.Yaml;

namespace MountSim.Tests.Yaml;

/// <summary>Input built to exhaust the reader: every input file goes through the same bounds, and each is refused with its position.</summary>
public sealed class HostileYamlTests
{
    [Fact]
    public void NestingTensOfThousandsOfLevelsDeepIsRefusedInsteadOfOverflowingTheStack()
    {
        // The document's mapping is the first level, so the 64th bracket (column 10 + 64) is one too many.
        var deep = "name: deep\nscenario: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

        var e = Assert.Throws<InputFileException>(() => ExperimentYamlReader.Parse(deep, "deep.yaml"));

        Assert.Equal((2, 10 + YamlSource.MaxDepth), (e.Line, e.Column));
        Assert.Contains("nested deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasBombIsRefusedBeforeAnyReaderExpandsIt()
    {
        // Nine anchors of ten references each: a kilobyte that stands for 10^9 values; the sixth (line 6) passes 10^6.
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        lines.AddRange(Enumerable.Range(1, 8).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]"));
        lines.Add("name: bomb");
        lines.Add("scenario: {topology: aws-r5.metal}");

        var e = Assert.Throws<InputFileException>(() => ExperimentYamlReader.Parse(string.Join("\n", lines), "bomb.yaml"));

        Assert.Equal(6, e.Line);
        Assert.Contains("its aliases expand it to more than 1,000,000 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileLargerThanAnyInputIsRefusedWithoutReadingItAll()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mountsim-huge-{Environment.ProcessId}.yaml");
        try
        {
            using (var file = File.Create(path))
            {
                file.SetLength(InputText.MaxBytes + 1);
            }

            var e = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Load(path));

            Assert.Equal($"{path}: cannot read the file: more than 16 MiB: not an input file of MountSim's (a device, or a file of something else?)", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ADeviceThatNeverEndsIsRefusedAtTheLimit()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero on this system");

        var e = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Load("/dev/zero"));

        Assert.Contains("more than 16 MiB", e.Message, StringComparison.Ordinal);
    }
}
