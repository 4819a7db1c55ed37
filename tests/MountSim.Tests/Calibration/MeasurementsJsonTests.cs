using MountSim.Calibration;
using MountSim.Yaml;

namespace MountSim.Tests.Calibration;

public sealed class MeasurementsJsonTests
{
    private const string Valid = """
        {
          "host": {"kernel": "6.17.0", "cpus": 16, "topology": "aws-m7a.24xlarge"},
          "configurations": [
            {"id": "pl-8x1", "strategy": "per-layer", "layers": 8, "threads": 1, "setups": 50, "fit": true,
             "setup_latency_us": {"p50": 300, "p99": 420, "mean": 310, "count": 50},
             "syscall_latency_us": {"umount_overlay": {"p50": 70, "p99": 95, "mean": 72, "count": 50}}}
          ]
        }
        """;

    [Fact]
    public void AFileReadsBackAsItWasWritten()
    {
        var measurements = MeasurementsJson.Parse(Valid, "m.json");

        var back = MeasurementsJson.Parse(MeasurementsJson.ToJson(measurements), "back.json");

        Assert.Equal(measurements.Host, back.Host);
        var c = Assert.Single(back.Configurations);
        Assert.Equal(("pl-8x1", "per-layer", 8, 1, 50, true), (c.Id, c.Strategy, c.Layers, c.Threads, c.Setups, c.Fit));
        Assert.Equal(new LatencySummary(300, 420, 310, 50), c.SetupLatencyUs);
        Assert.Equal(70, c.SyscallLatencyUs["umount_overlay"].P50);
    }

    [Theory]
    [InlineData("\"layers\": 8, ", "", "configurations[0].layers", "missing")]
    [InlineData("\"per-layer\"", "\"per-layr\"", "configurations[0].strategy", "per-layer")]
    [InlineData("\"p50\": 300", "\"p50\": -3", "configurations[0].setup_latency_us.p50", "> 0")]
    [InlineData("\"fit\": true", "\"fit\": \"yes\"", "configurations[0].fit", "true or false")]
    [InlineData("\"cpus\": 16", "\"cpus\": 16, \"cpu\": 2", "host.cpu", "unknown field")]
    public void ABadFieldIsReportedWithTheFileAndTheField(string replace, string with, string field, string expected)
    {
        var e = Assert.Throws<InputFileException>(() => MeasurementsJson.Parse(Valid.Replace(replace, with, StringComparison.Ordinal), "bad.json"));

        Assert.StartsWith($"bad.json: {field}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
