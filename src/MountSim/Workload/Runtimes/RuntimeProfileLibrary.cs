using MountSim.Kernel.Profiles;
using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Workload.Runtimes;

/// <summary>The shipped runtime profiles (<c>experiments/runtimes/*.yaml</c>, built in), <c>none</c>, and profiles by file path.</summary>
public static class RuntimeProfileLibrary
{
    /// <summary>The incident's stack: containerd 2.0 driving runc.</summary>
    public const string DefaultName = "containerd-2.0";

    public static ShippedFiles Shipped { get; } = new("runtimes");

    public static IReadOnlyList<string> Names => [RuntimeProfile.NoneName, .. Shipped.Names];

    /// <exception cref="UnknownNameException">No shipped runtime has this name.</exception>
    public static RuntimeProfile Load(string name, KernelProfile kernel) =>
        name == RuntimeProfile.NoneName ? RuntimeProfile.None : RuntimeProfileYamlReader.Parse(Shipped.Text(name), Shipped.FileOf(name), kernel);

    /// <summary>A runtime by file path (see <see cref="ShippedFiles.IsPath"/>) or name.</summary>
    /// <exception cref="UnknownNameException">Neither a file nor a known name.</exception>
    /// <exception cref="InputFileException">The file is missing or broken, or calls a syscall the kernel profile lacks.</exception>
    public static RuntimeProfile Resolve(string nameOrPath, KernelProfile kernel)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (ShippedFiles.IsPath(nameOrPath))
        {
            return RuntimeProfileYamlReader.Load(nameOrPath, kernel);
        }

        try
        {
            return Load(nameOrPath, kernel);
        }
        catch (UnknownNameException e)
        {
            throw new UnknownNameException($"Unknown runtime '{nameOrPath}'{Suggestions.DidYouMean(nameOrPath, Names)} (known: {string.Join(", ", Names)}; or give a YAML file)", e);
        }
    }
}
