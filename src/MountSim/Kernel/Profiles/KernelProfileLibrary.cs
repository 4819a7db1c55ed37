using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Kernel.Profiles;

/// <summary>The shipped kernel profiles (<c>kernels/*.yaml</c>, built in) and profiles by file path.</summary>
public static class KernelProfileLibrary
{
    /// <summary>The profile used when none is named.</summary>
    public const string DefaultName = "linux-6.17";

    public static ShippedFiles Shipped { get; } = new("kernels");

    public static IReadOnlyList<string> Names => Shipped.Names;

    /// <exception cref="UnknownNameException">No shipped profile has this name.</exception>
    public static KernelProfile Load(string name)
    {
        var text = Shipped.Text(name);
        return KernelProfileYamlReader.Parse(text, Shipped.FileOf(name));
    }

    /// <summary>A profile by file path (see <see cref="ShippedFiles.IsPath"/>) or shipped name; null or empty means the default.</summary>
    /// <exception cref="UnknownNameException">Neither a file nor a shipped name.</exception>
    /// <exception cref="InputFileException">The file is missing or broken.</exception>
    public static KernelProfile Resolve(string? nameOrPath)
    {
        if (string.IsNullOrEmpty(nameOrPath))
        {
            return Load(DefaultName);
        }

        if (ShippedFiles.IsPath(nameOrPath))
        {
            return KernelProfileYamlReader.Load(nameOrPath);
        }

        try
        {
            return Load(nameOrPath);
        }
        catch (UnknownNameException e)
        {
            throw new UnknownNameException($"Unknown kernel profile '{nameOrPath}'{Suggestions.DidYouMean(nameOrPath, Names)} (shipped: {string.Join(", ", Names)}; or give a YAML file)", e);
        }
    }
}
