using MountSim.Hardware;
using MountSim.Hardware.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Tests.Hardware;

public sealed class TopologyOverridesYamlReaderTests
{
    [Theory]
    [InlineData("{smt: off, sockets: 1}", true, 1)]
    [InlineData("{smt: on}", false, null)]
    [InlineData("{}", false, null)]
    public void ReadsTheOverridesAnExperimentWrites(string yaml, bool smtOff, int? sockets) =>
        Assert.Equal(new TopologyOverrides(smtOff, sockets), TopologyOverridesYamlReader.Read(Node(yaml), "e.yaml", "overrides"));

    [Fact]
    public void AMisspelledKeyIsReportedWithItsPosition()
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyOverridesYamlReader.Read(Node("smt: off\nsocket: 1"), "e.yaml", "overrides"));

        Assert.StartsWith("e.yaml:2:1: overrides.socket: unknown key 'socket'; did you mean 'sockets'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnSmtValueOtherThanOnOrOffIsRejected()
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyOverridesYamlReader.Read(Node("smt: maybe"), "e.yaml", "overrides"));

        Assert.Equal("e.yaml:1:6: overrides.smt: expected on or off, got 'maybe'", e.Message);
    }

    private static YamlNode Node(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}
