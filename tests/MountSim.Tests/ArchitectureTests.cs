using System.Text.RegularExpressions;
using MountSim.Tests.Experiments;

namespace MountSim.Tests;

/// <summary>
/// Dependencies run one way: every source file names only the layers its own layer may use, as README.md's
/// "Dependencies" table says, and that table has no cycle.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Root = Directory.GetParent(ShippedExperiments.Folder)!.FullName;

    [Fact]
    public void EverySourceFileNamesOnlyTheLayersItsLayerMayUse()
    {
        var allowed = AllowedUses();
        var sources = SourceFiles().Select(file => (File: file, Code: WithoutComments(File.ReadAllText(file)))).ToList();
        var namespaces = sources.Select(s => NamespaceOf(s.Code)).ToHashSet(StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var (file, code) in sources)
        {
            var own = LayerOf(NamespaceOf(code), allowed.Keys)
                ?? throw new InvalidOperationException($"{Relative(file)}: its namespace has no row in README.md's Dependencies table.");
            var named = References().Matches(code).Select(m => m.Groups[1].Value)
                .Concat(PartialReferences().Matches(code).Select(m => NamespacePrefix(m.Groups[1].Value, namespaces)).OfType<string>())
                .Select(name => LayerOf(name, allowed.Keys)).OfType<string>();
            violations.AddRange(named.Where(layer => layer != own && !allowed[own].Contains(layer)).Distinct()
                .Select(layer => $"{Relative(file)} ({own}) uses {layer}"));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void TheLayersFormNoCycle()
    {
        var allowed = AllowedUses();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (placed.Count < allowed.Count)
        {
            var next = allowed.Where(l => !placed.Contains(l.Key) && l.Value.All(u => u == l.Key || placed.Contains(u))).Select(l => l.Key).ToList();
            Assert.True(next.Count > 0, $"a cycle among {string.Join(", ", allowed.Keys.Except(placed))}");
            placed.UnionWith(next);
        }
    }

    [Fact]
    public void TheTableNamesEveryLayerItUses()
    {
        var allowed = AllowedUses();

        Assert.All(allowed, row => Assert.All(row.Value, used => Assert.Contains(used, allowed.Keys)));
        Assert.Contains("Kernel", allowed.Keys);
        Assert.DoesNotContain("Workload", allowed["Kernel"]);
    }

    /// <summary>README.md's table: layer -> the layers it may use ("every layer" for the CLI).</summary>
    private static Dictionary<string, HashSet<string>> AllowedUses()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var start = Array.IndexOf(lines, "### Dependencies");
        Assert.True(start >= 0, "README.md has no '### Dependencies' section");
        var rows = lines.Skip(start).SkipWhile(l => !l.StartsWith("| layer |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => cells[2], StringComparer.Ordinal);
        var layers = rows.Keys.ToHashSet(StringComparer.Ordinal);
        return rows.ToDictionary(
            row => row.Key,
            row => row.Value == "every layer"
                ? layers
                : row.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => u.Trim('`')).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.GetDirectories(Path.Combine(Root, "src"))
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(file => !Relative(file).Split('/').Any(part => part is "bin" or "obj"))
            .Where(file => Path.GetFileName(file) != "Program.cs");

    /// <summary>The listed layer <paramref name="name"/> (after "MountSim.") falls in: the longest matching prefix.</summary>
    private static string? LayerOf(string name, IEnumerable<string> layers) =>
        layers.Where(l => name == l || name.StartsWith(l + ".", StringComparison.Ordinal)).MaxBy(l => l.Length);

    /// <summary>
    /// The longest leading part of <paramref name="name"/> that is one of our namespaces: inside namespace
    /// <c>MountSim.Experiments</c>, <c>Yaml.YamlSource</c> names <c>MountSim.Yaml</c> without saying MountSim.
    /// </summary>
    private static string? NamespacePrefix(string name, HashSet<string> namespaces)
    {
        var parts = name.Split('.');
        return Enumerable.Range(1, parts.Length - 1).Reverse().Select(n => string.Join('.', parts.Take(n))).FirstOrDefault(namespaces.Contains);
    }

    private static string NamespaceOf(string code) => FileNamespace().Match(code) is { Success: true } match ? match.Groups[1].Value : string.Empty;

    private static string WithoutComments(string code) => LineComment().Replace(code, string.Empty);

    private static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    [GeneratedRegex(@"^namespace MountSim\.([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\bMountSim\.([A-Z]\w*(?:\.[A-Z]\w*)*)")]
    private static partial Regex References();

    /// <summary>A dotted name not after a dot, a word or a quote: a partly qualified one such as <c>Hardware.Topology</c>.</summary>
    [GeneratedRegex(@"(?<![\w.""])([A-Z]\w*(?:\.[A-Z]\w*)+)")]
    private static partial Regex PartialReferences();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();
}
