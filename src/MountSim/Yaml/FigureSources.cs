using MountSim.Text;
using YamlDotNet.RepresentationModel;

namespace MountSim.Yaml;

/// <summary>
/// The figures a file gives and the <c>sources:</c> mapping that must cite each of them: a key names a
/// figure by its dotted path or any section above it (<c>latency</c> covers <c>latency.same_llc</c>,
/// <c>recipes.umount_detach</c> covers <c>recipes.umount_detach[3].cpu</c>).
/// </summary>
internal sealed class FigureSources(YamlSource source)
{
    private readonly List<(string Path, YamlNode Node, string CiteAs)> _figures = [];

    /// <param name="path">The figure's dotted path.</param>
    /// <param name="node">Where an error about it points.</param>
    /// <param name="citeAs">The key a missing source should be added under; the figure's own path by default.</param>
    public void Add(string path, YamlNode node, string? citeAs = null) => _figures.Add((path, node, citeAs ?? path));

    /// <summary>Reads the sources mapping (null when absent) and checks that every key names a figure and every figure has a source.</summary>
    public Dictionary<string, string> Read(YamlNode? node)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not null)
        {
            if (node is not YamlMappingNode mapping)
            {
                throw source.Error(node, "sources", "expected a mapping of figure: citation (or calibrate)");
            }

            var valid = _figures.Select(f => f.Path).SelectMany(Sections).Distinct().ToList();
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = keyNode is YamlScalarNode { Value: { } text } ? text : string.Empty;
                var path = YamlSource.Join("sources", key);
                if (!valid.Contains(key))
                {
                    throw source.Error(keyNode, path, $"no figure '{key}' in this file{Suggestions.DidYouMean(key, valid)} (figures: {string.Join(", ", _figures.Select(f => f.Path))})");
                }

                sources[key] = source.String(valueNode, path);
            }
        }

        foreach (var (path, figureNode, citeAs) in _figures)
        {
            if (!Sections(path).Any(sources.ContainsKey))
            {
                throw source.Error(figureNode, path, $"no source: add '{citeAs}: <citation>' under sources: (or 'calibrate' where no public number exists)");
            }
        }

        return sources;
    }

    /// <summary>The citation of a figure: its own entry, else the nearest section's; null when none.</summary>
    public static string? SourceOf(IReadOnlyDictionary<string, string> sources, string path)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return Sections(path).Select(s => sources.GetValueOrDefault(s)).FirstOrDefault(s => s is not null);
    }

    /// <summary>A figure's path and its enclosing sections, nearest first: a.b[2].c, a.b[2], a.b, a.</summary>
    public static IEnumerable<string> Sections(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var key = path; key.Length > 0; key = key[..Math.Max(0, Math.Max(key.LastIndexOf('.'), key.LastIndexOf('[')))])
        {
            yield return key;
        }
    }
}
