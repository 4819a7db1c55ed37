using MountSim.Text;
using YamlDotNet.RepresentationModel;

namespace MountSim.Yaml;

/// <summary>
/// The figures a file gives and the <c>sources:</c> mapping that must cite each of them: a key names a
/// figure by its dotted path or any section above it (<c>latency</c> covers <c>latency.same_llc</c>,
/// <c>recipes.umount_detach</c> covers <c>recipes.umount_detach[3].cpu</c>). An entry written as a mapping
/// (<see cref="SourceEntry"/>) also gives its figure's range: it must name one numeric figure, by its own path.
/// </summary>
/// <param name="home">Which part of a scenario the file's figures belong to.</param>
internal sealed class FigureSources(YamlSource source, FigureHome home)
{
    private readonly List<Figure> _figures = [];
    private readonly List<UncertainFigure> _uncertain = [];

    /// <summary>The figures given a range, in the order of the sources mapping; filled by <see cref="Read"/>.</summary>
    public IReadOnlyList<UncertainFigure> Uncertain => _uncertain;

    /// <param name="path">The figure's dotted path.</param>
    /// <param name="node">Where an error about it points.</param>
    /// <param name="citeAs">The key a missing source should be added under; the figure's own path by default.</param>
    public void Add(string path, YamlNode node, string? citeAs = null) => _figures.Add(new Figure(path, node, citeAs ?? path, null, 0));

    /// <summary>A figure that is one number, which a source entry may give a range.</summary>
    /// <param name="domain">What the reader accepts for it: a range must stay inside.</param>
    /// <param name="value">The value the file gives it.</param>
    public void Add(string path, YamlNode node, FigureDomain domain, double value, string? citeAs = null) =>
        _figures.Add(new Figure(path, node, citeAs ?? path, domain, value));

    /// <summary>Reads the sources mapping (null when absent) and checks that every key names a figure, every range fits its figure and every figure has a source.</summary>
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

                var entry = SourceEntry.Read(source, valueNode, path);
                sources[key] = entry.Text;
                if (entry.HasRange)
                {
                    _uncertain.Add(RangeOf(entry, key));
                }
            }
        }

        foreach (var figure in _figures)
        {
            if (!Sections(figure.Path).Any(sources.ContainsKey))
            {
                throw source.Error(figure.Node, figure.Path, $"no source: add '{figure.CiteAs}: <citation>' under sources: (or 'calibrate' where no public number exists)");
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

    /// <summary>The range of the one numeric figure <paramref name="key"/> names by its own path.</summary>
    private UncertainFigure RangeOf(SourceEntry entry, string key)
    {
        var own = _figures.FirstOrDefault(f => f.Path == key);
        if (own?.Domain is { } domain)
        {
            return entry.Uncertain(home, key, domain, own.Value);
        }

        var numbers = _figures.Where(f => f.Domain is not null && Sections(f.Path).Contains(key)).Select(f => f.Path).ToList();
        throw entry.NotANumber(key, own is not null ? "is not one number (a section, a list or a table)"
            : numbers.Count == 0 ? "covers no number"
            : $"is a section; give the range under the figure's own key: {string.Join(", ", numbers.Take(8))}{(numbers.Count > 8 ? ", ..." : string.Empty)}");
    }

    /// <summary>One figure as read: where it is, what covers it, and for a number what the reader accepts and the value.</summary>
    private sealed record Figure(string Path, YamlNode Node, string CiteAs, FigureDomain? Domain, double Value);
}
