using MountSim.Kernel.Profiles;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Tests.Kernel.Profiles;

/// <summary>An experiment changes a profile's parameters without copying the file.</summary>
public sealed class KernelProfileOverridesTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    [Fact]
    public void AnOverrideChangesOneParameterAndSaysWhereFrom()
    {
        var changed = KernelProfileOverridesYamlReader.Read(Node("rcu_gp_expedited: 40us\nrwsem_reader_batch: 64"), "e.yaml", "kernel.parameters", Profile);

        Assert.Equal("linux-6.17+rcu_gp_expedited=40000+rwsem_reader_batch=64", changed.Name);
        Assert.Equal((40_000, 64), (changed.Parameters.RcuGpExpeditedNs, changed.Parameters.RwsemReaderBatch));
        Assert.Equal("e.yaml: kernel.parameters", changed.SourceOf("parameters.rcu_gp_expedited"));
        Assert.Equal(Profile.Parameters.PathWalkNs, changed.Parameters.PathWalkNs);
        Assert.Equal(Profile.UncontendedNs("umount_detach", 0, 2, 25) + 15_000, changed.UncontendedNs("umount_detach", 0, 2, 25), 6);
        Assert.Equal(25_000, Profile.Parameters.RcuGpExpeditedNs);
    }

    [Fact]
    public void AnUnknownParameterIsAPositionedError()
    {
        var e = Assert.Throws<InputFileException>(() => KernelProfileOverridesYamlReader.Read(Node("rcu_gp_expidited: 40us"), "e.yaml", "kernel.parameters", Profile));

        Assert.StartsWith("e.yaml:1:1: kernel.parameters.rcu_gp_expidited: unknown key 'rcu_gp_expidited'; did you mean 'rcu_gp_expedited'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfTheWrongKindIsAPositionedError()
    {
        var e = Assert.Throws<InputFileException>(() => KernelProfileOverridesYamlReader.Read(Node("mountinfo_read_bytes: 0"), "e.yaml", "k", Profile));

        Assert.Equal("e.yaml:1:23: k.mountinfo_read_bytes: expected a whole number from 1 to 1,048,576, got 0", e.Message);
    }

    private static YamlNode Node(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}
