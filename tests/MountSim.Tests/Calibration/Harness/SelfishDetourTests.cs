using MountSim.Calibration.Harness;
using MountSim.Cli;
using MountSim.Hardware.Sysfs;
using MountSim.Tests.Cli;
using MountSim.Yaml;

namespace MountSim.Tests.Calibration.Harness;

/// <summary><c>mountsim harness noise</c>: short selfish-detour runs on this host and the JSON they write.</summary>
public sealed class SelfishDetourTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mountsim-noise-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void ARunOnCpuZeroGivesARateAndEquallyLikelyLengthsAboveTheThreshold()
    {
        var m = SelfishDetour.Measure(new SysfsTopologyDetector().Detect().Topology, [0], TimeSpan.FromMilliseconds(200), 1000);

        var cpu = Assert.Single(m.Cpus);
        Assert.Equal(0, cpu.Cpu);
        Assert.True(cpu.RunningS is > 0 and <= 0.25, $"running {cpu.RunningS} s");
        Assert.True(double.IsFinite(m.DetoursPerSecond) && m.DetoursPerSecond >= 0, $"{m.DetoursPerSecond} detours/s");
        Assert.True(m.DetourNs.Count == NoiseMeasurement.Quantiles || (m.DetoursPerSecond == 0 && m.DetourNs.SequenceEqual([1000.0])), $"{m.DetourNs.Count} lengths");
        Assert.Equal(m.DetourNs.Order(), m.DetourNs);
        Assert.All(m.DetourNs, ns => Assert.True(ns >= 1000, $"{ns} ns"));
        Assert.Equal(cpu.Detours / cpu.RunningS, m.DetoursPerSecond, 6);
        Assert.Equal(m.DetoursPerSecond, m.ToHostNoise().DetoursPerSecond);
    }

    [Fact]
    public void MeasurementRoundTripsThroughJson()
    {
        var file = Path.Combine(_scratch, "noise.json");
        var sample = new NoiseMeasurement(
            new HarnessHost("6.18.44", "AMD EPYC", 1, 1, 2, 2, "0-1"),
            new NoiseSettings(1, 1000, [0, 1]),
            [new CpuNoise(0, 0.99, 1000, 1010.1, 2500, 30000, 120000, false), new CpuNoise(1, 0.98, 0, 0, 0, 0, 0, false)],
            510.2,
            [.. Enumerable.Range(0, NoiseMeasurement.Quantiles).Select(i => 1000.0 + (i * 100))]);

        NoiseMeasurementJson.Write(sample, file);
        var read = NoiseMeasurementJson.Read(file);

        Assert.Equal(NoiseMeasurementJson.Serialize(sample), NoiseMeasurementJson.Serialize(read));
        Assert.Equal(sample.Cpus, read.Cpus);
        Assert.Equal(sample.DetourNs, read.DetourNs);
        var json = File.ReadAllText(file);
        Assert.StartsWith("{\n  \"schema\": \"mountsim-noise/1\",", json, StringComparison.Ordinal);
        foreach (var name in new[] { "\"duration_s\"", "\"threshold_ns\"", "\"running_s\"", "\"detours_per_second\"", "\"p50_ns\"", "\"p99_ns\"", "\"max_ns\"", "\"detour_ns\"" })
        {
            Assert.Contains(name, json, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\"schema_version\": 1}", "schema: missing")]
    [InlineData("{\"schema\": \"mountsim-noise/1\", \"options\": {\"duration_s\": 1, \"threshold_ns\": 1000, \"cpus\": [0]}}", "host")]
    [InlineData("[1, 2]", "not a file written by mountsim harness noise")]
    [InlineData("not json", "not valid JSON")]
    public void ReadingAnotherFileNamesTheFileAndWhatIsWrong(string text, string problem)
    {
        var file = Path.Combine(_scratch, "other.json");
        File.WriteAllText(file, text);

        var e = Assert.Throws<InputFileException>(() => NoiseMeasurementJson.Read(file));

        Assert.StartsWith(file, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CliWritesTheFileAndRefusesToOverwriteItWithoutForce()
    {
        var file = Path.Combine(_scratch, "noise.json");

        var (code, output, error) = CliRunner.Run("harness", "noise", "--duration", "100ms", "--cpus", "0", "--out", file);

        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.Contains("detours/s", output, StringComparison.Ordinal);
        var written = NoiseMeasurementJson.Read(file);
        Assert.Equal([0], written.Options.Cpus);
        Assert.Equal(0.1, written.Options.DurationS, 9);

        var refused = CliRunner.Run("harness", "noise", "--duration", "10ms", "--cpus", "0", "--out", file);

        Assert.Equal(ExitCodes.BadInput, refused.Code);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(NoiseMeasurementJson.Serialize(written), NoiseMeasurementJson.Serialize(NoiseMeasurementJson.Read(file)));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("harness", "noise", "--duration", "10ms", "--cpus", "0", "--out", file, "--force").Code);
    }

    [Theory]
    [InlineData("--threshold", "50ns")]
    [InlineData("--threshold", "1")]
    [InlineData("--threshold", "soon")]
    [InlineData("--cpus", "0,x")]
    [InlineData("--cpus", "100000")]
    [InlineData("--cpus", "3-1")]
    [InlineData("--duration", "1")]
    public void BadOptionsExitTwoNamingTheOption(string option, string value)
    {
        var (code, _, error) = CliRunner.Run(option == "--duration" ? ["harness", "noise", option, value] : ["harness", "noise", "--duration", "10ms", option, value]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("mountsim: ", error, StringComparison.Ordinal);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }
}
