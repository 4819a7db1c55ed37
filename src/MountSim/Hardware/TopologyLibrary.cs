using MountSim.Hardware.Yaml;
using MountSim.Text;

namespace MountSim.Hardware;

/// <summary>
/// The shipped topologies: one <c>NAME.yaml</c> per host in a <c>topologies</c> folder. The folder is
/// found by walking up from the current directory (a checkout) and then from the program's own
/// directory (the CLI's build output carries a copy), so the same names work anywhere.
/// </summary>
public sealed class TopologyLibrary
{
    public const string FolderName = "topologies";

    public TopologyLibrary(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = Path.GetFullPath(directory);
        Names = [.. System.IO.Directory.EnumerateFiles(Directory, "*.yaml")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];
    }

    public string Directory { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The first <c>topologies</c> folder holding YAML files above the current directory, else above the program; null when neither has one.</summary>
    public static TopologyLibrary? Find() =>
        Find(System.IO.Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory);

    /// <summary>The first <c>topologies</c> folder holding YAML files in <paramref name="start"/> or above it.</summary>
    public static TopologyLibrary? Find(string start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*.yaml").Any())
            {
                return new TopologyLibrary(candidate);
            }
        }

        return null;
    }

    public string PathOf(string name) => Path.Combine(Directory, name + ".yaml");

    /// <exception cref="UnknownTopologyException">No shipped topology has this name.</exception>
    /// <exception cref="TopologyFileException">Its file is broken.</exception>
    public Topology Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Names.Contains(name, StringComparer.Ordinal)
            ? TopologyYamlReader.Load(PathOf(name))
            : throw new UnknownTopologyException(
                $"Unknown topology '{name}'{Suggestions.DidYouMean(name, Names)} (shipped in {Directory}: {string.Join(", ", Names)})");
    }

    /// <summary>
    /// A topology by file path (anything that exists, or looks like a path: has a directory separator
    /// or a .yaml/.yml extension) or by shipped name.
    /// </summary>
    /// <param name="nameOrPath">A file path or a shipped name.</param>
    /// <param name="library">Where names are looked up; null when no library was found.</param>
    /// <exception cref="UnknownTopologyException">Neither a file nor a shipped name.</exception>
    /// <exception cref="TopologyFileException">The file is missing or broken.</exception>
    public static Topology Resolve(string nameOrPath, TopologyLibrary? library)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        var looksLikePath = nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal)
            || nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (File.Exists(nameOrPath) || looksLikePath)
        {
            return TopologyYamlReader.Load(nameOrPath);
        }

        return library is not null
            ? library.Load(nameOrPath)
            : throw new UnknownTopologyException(
                $"Unknown topology '{nameOrPath}': it is not a file, and no '{FolderName}' folder was found above {System.IO.Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}
