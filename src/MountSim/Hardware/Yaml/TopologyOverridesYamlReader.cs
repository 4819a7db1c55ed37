using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Hardware.Yaml;

/// <summary>
/// Reads a variant from the mapping an experiment gives next to its topology, e.g.
/// <c>{smt: off, sockets: 1}</c>, with the same positioned errors as topology files.
/// </summary>
public static class TopologyOverridesYamlReader
{
    private static readonly string[] Keys = ["smt", "sockets"];

    /// <param name="node">The overrides mapping.</param>
    /// <param name="file">The file errors report.</param>
    /// <param name="field">The mapping's dotted path in that file, e.g. <c>topology.overrides</c>.</param>
    /// <exception cref="TopologyFileException">Unknown key, or a value of the wrong kind.</exception>
    public static TopologyOverrides Read(YamlNode node, string file, string field)
    {
        ArgumentNullException.ThrowIfNull(node);
        var source = TopologyYamlReader.NewSource(file);
        var map = source.Map(node, field, Keys);
        var smtOff = false;
        if (map.Optional("smt") is { } smtNode)
        {
            // YAML 1.1 spells booleans on/off; a plain true means "as the host is".
            smtOff = source.String(smtNode, map.PathOf("smt")).ToLowerInvariant() switch
            {
                "off" or "false" => true,
                "on" or "true" => false,
                var other => throw source.Error(smtNode, map.PathOf("smt"), $"expected on or off, got '{other}'"),
            };
        }

        int? sockets = map.Optional("sockets") is { } socketsNode ? source.Int(socketsNode, map.PathOf("sockets"), 1) : null;
        return new TopologyOverrides(smtOff, sockets);
    }
}
