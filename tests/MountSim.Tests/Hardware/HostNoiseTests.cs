using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Yaml;

namespace MountSim.Tests.Hardware;

public sealed class HostNoiseTests
{
    private const string Noisy = """
        name: noisy
        layout:
          sockets: 1
          llc_domains_per_socket: 1
          cores_per_llc_domain: 2
          threads_per_core: 1
          cpus: 2
        latency:
          same_llc: 50ns
        coherence:
          arbitration: centralized
          home_service: 50ns
        sources:
          layout: "a test"
          latency: "a test"
          coherence: "a test"
          noise: "measured by a test"
        noise:
          detours_per_second: 250
          detour: [2us, 3us, 1.5ms]
        """;

    [Fact]
    public void ATopologyFileCarriesTheHostsNoiseAndWritesItBack()
    {
        var t = TopologyYamlReader.Parse(Noisy, "n.yaml");

        Assert.Equal(250, t.Noise!.DetoursPerSecond);
        Assert.Equal([2_000, 3_000, 1_500_000], t.Noise.DetourNs);
        Assert.Equal(250 * (1_505_000 / 3.0) / 1e9, t.Noise.Share, 12);
        Assert.Equal("measured by a test", t.SourceOf("noise"));

        var reread = TopologyYamlReader.Parse(TopologyYamlWriter.ToYaml(t), "again.yaml");
        Assert.Equal(t.Noise.DetourNs, reread.Noise!.DetourNs);
        Assert.Equal(t.Noise.DetoursPerSecond, reread.Noise.DetoursPerSecond);
    }

    [Theory]
    [InlineData("detours_per_second: 250", "detours_per_second: -1", "n.yaml:19:23: noise.detours_per_second:")]
    [InlineData("detour: [2us, 3us, 1.5ms]", "detour: []", "n.yaml:20:3: noise.detour: empty")]
    [InlineData("detour: [2us, 3us, 1.5ms]", "detour: [2us, 0us]", "n.yaml:20:17: noise.detour: a detour length must be positive")]
    [InlineData("detours_per_second: 250", "detours_per_secnd: 250", "n.yaml:19:3: noise.detours_per_secnd:")]
    public void BrokenNoiseNamesTheLineAndField(string line, string broken, string expectedStart)
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Parse(Noisy.Replace(line, broken, StringComparison.Ordinal), "n.yaml"));

        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostWithoutNoiseSaysSo()
    {
        var quiet = Noisy[..Noisy.IndexOf("  noise: \"measured", StringComparison.Ordinal)];
        var t = TopologyYamlReader.Parse(quiet, "quiet.yaml");

        Assert.Null(t.Noise);
        Assert.DoesNotContain("noise", TopologyYamlWriter.ToYaml(t), StringComparison.Ordinal);
    }
}
