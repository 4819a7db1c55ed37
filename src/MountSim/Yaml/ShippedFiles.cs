using System.Reflection;
using MountSim.Text;

namespace MountSim.Yaml;

/// <summary>
/// The YAML files of one shipped folder (<c>experiments/kernels/</c>, <c>experiments/strategies/</c>), built into this assembly so
/// that their names resolve wherever the library runs; a user passes a file path to use anything else.
/// </summary>
public sealed class ShippedFiles
{
    private readonly string _prefix;

    public ShippedFiles(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Folder = folder;
        _prefix = $"MountSim.{folder}.";
        Names = [.. Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(_prefix, StringComparison.Ordinal) && r.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(r => r[_prefix.Length..^".yaml".Length])
            .Order(StringComparer.Ordinal)];
    }

    public string Folder { get; }

    public IReadOnlyList<string> Names { get; }

    private static Assembly Assembly => typeof(ShippedFiles).Assembly;

    /// <summary>The name errors report for a shipped file, as in a checkout: <c>experiments/kernels/linux-6.17.yaml</c>.</summary>
    public string FileOf(string name) => $"experiments/{Folder}/{name}.yaml";

    /// <exception cref="UnknownNameException">No shipped file has this name.</exception>
    public string Text(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = Names.Contains(name, StringComparer.Ordinal) ? Assembly.GetManifestResourceStream(_prefix + name + ".yaml") : null;
        if (stream is null)
        {
            throw new UnknownNameException($"Unknown name '{name}'{Suggestions.DidYouMean(name, Names)} (shipped in experiments/{Folder}/: {string.Join(", ", Names)})");
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>True when <paramref name="nameOrPath"/> is to be read as a file: it exists, or has a directory separator or a .yaml/.yml extension.</summary>
    public static bool IsPath(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        return File.Exists(nameOrPath) || nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal)
            || nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
    }
}
