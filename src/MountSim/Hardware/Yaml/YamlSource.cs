using System.Globalization;
using System.Text.RegularExpressions;
using MountSim.Text;
using YamlDotNet.RepresentationModel;

namespace MountSim.Hardware.Yaml;

/// <summary>
/// Typed reads from a YAML representation tree that fail with the node's position: every value
/// is checked where it is read, so each error can say file, line, column, field and what was expected.
/// </summary>
internal sealed partial class YamlSource(string file)
{
    public string File { get; } = file;

    public TopologyFileException Error(YamlNode node, string field, string problem) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, field, problem);

    /// <summary>The mapping at <paramref name="node"/>; unknown keys are rejected with the nearest allowed one.</summary>
    public YamlMap Map(YamlNode node, string field, IReadOnlyList<string> allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, field, $"expected a mapping (key: value lines), got {Describe(node)}");
        }

        var entries = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } text } ? text : string.Empty;
            var path = Join(field, name);
            if (!allowedKeys.Contains(name))
            {
                throw Error(key, path, $"unknown key '{name}'{Suggestions.DidYouMean(name, allowedKeys)} (allowed here: {string.Join(", ", allowedKeys)})");
            }

            entries[name] = (key, value);
        }

        return new YamlMap(this, mapping, field, entries);
    }

    public string String(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw Error(node, field, $"expected text, got {Describe(node)}");

    public int Int(YamlNode node, string field, int minimum)
    {
        var text = Scalar(node, field, "a whole number");
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, field, $"expected a whole number, got '{text}'");
        }

        return value >= minimum ? value : throw Error(node, field, $"expected a whole number of at least {minimum}, got {value}");
    }

    public double Number(YamlNode node, string field, double minimum)
    {
        var text = Scalar(node, field, "a number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(node, field, $"expected a number, got '{text}'");
        }

        return value >= minimum ? value : throw Error(node, field, $"expected a number of at least {minimum.ToString(CultureInfo.InvariantCulture)}, got {text}");
    }

    /// <summary>A duration in ns: <c>46.6ns</c>, <c>1.2us</c>, <c>0.5ms</c>; a bare number means ns.</summary>
    public double DurationNs(YamlNode node, string field)
    {
        const string expected = "a duration such as 46.6ns, 1.2us or 0.5ms (a bare number is ns)";
        var text = Scalar(node, field, expected);
        var match = DurationPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, field, $"expected {expected}, got '{text}'");
        }

        return value * match.Groups["unit"].Value switch
        {
            "" or "ns" => 1,
            "us" or "µs" => 1e3,
            "ms" => 1e6,
            _ => 1e9,
        };
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string field, string ofWhat) =>
        node is YamlSequenceNode sequence
            ? [.. sequence.Children]
            : throw Error(node, field, $"expected a list of {ofWhat}, got {Describe(node)}");

    public static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private string Scalar(YamlNode node, string field, string expected) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } ? text.Trim() : throw Error(node, field, $"expected {expected}, got {Describe(node)}");

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    [GeneratedRegex(@"^(?<value>[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?<unit>ns|us|µs|ms|s)?$")]
    private static partial Regex DurationPattern();
}
