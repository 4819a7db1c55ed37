using MountSim.Kernel.Profiles;
using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Workload.Strategies;

/// <summary>The shipped strategies (<c>strategies/*.yaml</c>, built in) and strategies by file path.</summary>
public static class MountStrategyLibrary
{
    public static ShippedFiles Shipped { get; } = new("strategies");

    public static IReadOnlyList<string> Names => Shipped.Names;

    /// <exception cref="UnknownNameException">No shipped strategy has this name.</exception>
    public static MountStrategy Load(string name, KernelProfile profile) =>
        MountStrategyYamlReader.Parse(Shipped.Text(name), Shipped.FileOf(name), profile);

    /// <summary>A strategy by file path (see <see cref="ShippedFiles.IsPath"/>) or shipped name.</summary>
    /// <exception cref="UnknownNameException">Neither a file nor a shipped name.</exception>
    /// <exception cref="InputFileException">The file is missing or broken, or calls a syscall the profile lacks.</exception>
    public static MountStrategy Resolve(string nameOrPath, KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (ShippedFiles.IsPath(nameOrPath))
        {
            return MountStrategyYamlReader.Load(nameOrPath, profile);
        }

        try
        {
            return Load(nameOrPath, profile);
        }
        catch (UnknownNameException e)
        {
            throw new UnknownNameException($"Unknown strategy '{nameOrPath}'{Suggestions.DidYouMean(nameOrPath, Names)} (shipped: {string.Join(", ", Names)}; or give a YAML file)", e);
        }
    }
}
