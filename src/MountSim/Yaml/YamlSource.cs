using System.Globalization;
using System.Text.RegularExpressions;
using MountSim.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MountSim.Yaml;

/// <summary>
/// Typed reads from a YAML representation tree that fail with the node's position: every value
/// is checked where it is read, so each error can say file, line, column, field and what was expected.
/// </summary>
/// <param name="file">The name errors report.</param>
/// <param name="newError">Makes the exception (file, line, column, field, problem, inner), so each kind of file keeps its own type.</param>
internal sealed partial class YamlSource(string file, Func<string, int, int, string, string, Exception?, InputFileException> newError)
{
    public YamlSource(string file)
        : this(file, (f, line, column, field, problem, inner) => new InputFileException(f, line, column, field, problem, inner))
    {
    }

    /// <summary>The deepest nesting of sequences and mappings a document may have.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most values (scalars and collections) a document may stand for, aliases expanded.</summary>
    public const long MaxValues = 1_000_000;

    public string File { get; } = file;

    public InputFileException Error(YamlNode node, string field, string problem) =>
        newError(File, (int)node.Start.Line, (int)node.Start.Column, field, problem, null);

    public InputFileException Error(int line, int column, string field, string problem, Exception? inner = null) =>
        newError(File, line, column, field, problem, inner);

    /// <summary>The text of the file at <see cref="File"/>; an unreadable file is an error without a position.</summary>
    public string ReadAllText()
    {
        try
        {
            return Files.InputText.Read(File);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(0, 0, string.Empty, $"cannot read the file: {e.Message}", e);
        }
    }

    /// <summary>The root node of the first document in <paramref name="yaml"/>; syntax errors keep YamlDotNet's position.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="expected">What an empty file should have held, e.g. "a topology (name:, layout:, ...)".</param>
    public YamlNode ParseRoot(string yaml, string expected)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            CheckBounds(yaml);
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // YamlDotNet puts a tab in the indentation at the start of the enclosing mapping (often 1:1): point at the tab.
            var (line, column) = e.Message.Contains("tab", StringComparison.Ordinal) && IndentingTab(yaml) is { } tab ? tab : ((int)e.Start.Line, (int)e.Start.Column);
            throw Error(line, column, string.Empty, $"not valid YAML: {PositionPrefix().Replace(e.Message, string.Empty)}", e);
        }
        catch (InvalidOperationException e)
        {
            throw GaveUp(parser, e);
        }

        return stream.Documents.Count > 0
            ? stream.Documents[0].RootNode
            : throw Error(1, 1, string.Empty, $"the file is empty; expected {expected}");
    }

    /// <summary>
    /// Refuses a document nested deeper than <see cref="MaxDepth"/> (the representation model is built
    /// recursively: tens of thousands of levels overflow the stack) or that expands, through its aliases,
    /// to more than <see cref="MaxValues"/> values (an alias bomb: a kilobyte of anchors that reference
    /// anchors stands for billions of values, which a reader walking them would expand).
    /// </summary>
    private void CheckBounds(string yaml)
    {
        var scanner = new Parser(new StringReader(yaml));
        var expanded = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new List<(long Values, string? Anchor)> { (0, null) };
        while (Next(scanner))
        {
            var values = 0L;
            switch (scanner.Current)
            {
                case SequenceStart or MappingStart when open.Count > MaxDepth:
                    throw Error((int)scanner.Current.Start.Line, (int)scanner.Current.Start.Column, string.Empty, $"nested deeper than {MaxDepth} levels; no input of MountSim's needs that many");
                case NodeEvent { Anchor.IsEmpty: var bare } start and (SequenceStart or MappingStart):
                    open.Add((1, bare ? null : start.Anchor.Value));
                    continue;
                case SequenceEnd or MappingEnd:
                    (values, var anchor) = open[^1];
                    open.RemoveAt(open.Count - 1);
                    if (anchor is not null)
                    {
                        expanded[anchor] = values;
                    }

                    break;
                case YamlDotNet.Core.Events.Scalar scalar:
                    values = 1;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        expanded[scalar.Anchor.Value] = 1;
                    }

                    break;
                case AnchorAlias alias:
                    values = expanded.GetValueOrDefault(alias.Value.Value, 1);
                    break;
                default:
                    continue;
            }

            var total = Math.Min(open[^1].Values + values, MaxValues + 1);
            if (total > MaxValues)
            {
                throw Error((int)scanner.Current!.Start.Line, (int)scanner.Current.Start.Column, string.Empty, $"its aliases expand it to more than {MaxValues:N0} values; no input of MountSim's needs that many");
            }

            open[^1] = (total, open[^1].Anchor);
        }
    }

    /// <summary>Where the first tab in a line's indentation is, 1-based, if any line has one.</summary>
    private static (int Line, int Column)? IndentingTab(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private bool Next(Parser parser)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException e)
        {
            throw GaveUp(parser, e);
        }
    }

    /// <summary>YamlDotNet's scanner fails without a position on some input cut short, e.g. an unclosed '[': the last event's end is where.</summary>
    private InputFileException GaveUp(Parser parser, InvalidOperationException e)
    {
        var last = parser.Current?.End ?? Mark.Empty;
        return Error((int)last.Line, (int)last.Column, string.Empty, "not valid YAML: the parser gave up after this point (an unclosed bracket, brace or quote?)", e);
    }

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

    /// <summary>The name of a scalar, or of the single key of a one-entry mapping (<c>cpu: 1us</c>, <c>ns_write: [...]</c>), with the value (null for a scalar).</summary>
    public (string Name, YamlNode? Value) Tagged(YamlNode node, string field, string expected)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { Length: > 0 } name }:
                return (name.Trim(), null);
            case YamlMappingNode { Children.Count: 1 } mapping when mapping.Children[0].Key is YamlScalarNode { Value: { Length: > 0 } key }:
                return (key.Trim(), mapping.Children[0].Value);
            default:
                throw Error(node, field, $"expected {expected}, got {Describe(node)}");
        }
    }

    public string String(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw Error(node, field, $"expected text, got {Describe(node)}");

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; one too large for any count says so, not that it is no number.</summary>
    public int Int(YamlNode node, string field, int minimum, int maximum = int.MaxValue)
    {
        var text = Scalar(node, field, "a whole number");
        var range = maximum == int.MaxValue ? $"of at least {minimum}" : $"from {minimum} to {maximum.ToString("N0", CultureInfo.InvariantCulture)}";
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, field, System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? $"expected a whole number {(maximum == int.MaxValue ? $"from {minimum} to {int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}" : range)}, got {text}"
                : $"expected a whole number, got '{text}'");
        }

        return value >= minimum && value <= maximum ? value : throw Error(node, field, $"expected a whole number {range}, got {value}");
    }

    /// <summary>A finite number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public double Number(YamlNode node, string field, double minimum, double maximum = double.MaxValue)
    {
        var text = Scalar(node, field, "a number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(node, field, $"expected a number, got '{text}'");
        }

        var range = maximum == double.MaxValue
            ? $"of at least {minimum.ToString(CultureInfo.InvariantCulture)}"
            : $"from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}";
        return value >= minimum && value <= maximum ? value : throw Error(node, field, $"expected a number {range}, got {text}");
    }

    /// <summary>The longest duration any figure may have: a day (a cost of a syscall, a timeout, a detour).</summary>
    public const double MaxDurationNs = 86_400e9;

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

        var ns = value * match.Groups["unit"].Value switch
        {
            "" or "ns" => 1,
            "us" or "µs" => 1e3,
            "ms" => 1e6,
            _ => 1e9,
        };
        return double.IsFinite(ns) && ns <= MaxDurationNs ? ns : throw Error(node, field, $"expected {expected}, at most a day, got '{text}'");
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string field, string ofWhat) =>
        node is YamlSequenceNode sequence
            ? [.. sequence.Children]
            : throw Error(node, field, $"expected a list of {ofWhat}, got {Describe(node)}");

    public static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private string Scalar(YamlNode node, string field, string expected) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } ? text.Trim() : throw Error(node, field, $"expected {expected}, got {Describe(node)}");

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode { Children.Count: > 1 } => "a mapping with several keys",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    [GeneratedRegex(@"^(?<value>[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?<unit>ns|us|µs|ms|s)?$")]
    private static partial Regex DurationPattern();
}
