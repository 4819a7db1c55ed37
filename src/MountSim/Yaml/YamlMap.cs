using YamlDotNet.RepresentationModel;

namespace MountSim.Yaml;

/// <summary>One YAML mapping whose keys have been checked against the allowed ones.</summary>
internal sealed class YamlMap(YamlSource source, YamlMappingNode node, string field, Dictionary<string, (YamlNode Key, YamlNode Value)> entries)
{
    public YamlMappingNode Node { get; } = node;

    /// <summary>The dotted path of this mapping, empty for the document root.</summary>
    public string Field { get; } = field;

    public bool Has(string key) => entries.ContainsKey(key);

    public YamlNode? Optional(string key) => entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public YamlNode Required(string key, string expected) =>
        Optional(key) ?? throw source.Error(Node, YamlSource.Join(Field, key), $"missing; expected {expected}");

    /// <summary>The key node itself, for errors about the entry as a whole.</summary>
    public YamlNode KeyNode(string key) => entries[key].Key;

    public string PathOf(string key) => YamlSource.Join(Field, key);
}
