using System.Collections.Immutable;
using System.Globalization;
using MountSim.Kernel.Profiles;
using MountSim.Text;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Workload.Strategies;

/// <summary>
/// Reads a mount strategy (schema in strategies/README.md). Syscall names are checked against the kernel
/// profile's recipes, so a strategy that loads can run on that profile.
/// </summary>
public static class MountStrategyYamlReader
{
    private static readonly string[] RootKeys = ["name", "description", "containerd", "passes"];

    private static readonly string[] PassKeys = ["name", "description", "syscalls", "teardown"];

    private static readonly string[] RepeatKeys = ["repeat", "syscalls"];

    /// <exception cref="InputFileException">The file cannot be read, is not a valid strategy, or calls a syscall the profile lacks.</exception>
    public static MountStrategy Load(string path, KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(new YamlSource(path).ReadAllText(), path, profile);
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="file">The name errors report.</param>
    /// <param name="profile">The profile whose recipes the syscalls must name.</param>
    /// <exception cref="InputFileException">The text is not a valid strategy, or calls a syscall the profile lacks.</exception>
    public static MountStrategy Parse(string yaml, string file, KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(profile);
        var source = new YamlSource(file);
        return Read(source, source.ParseRoot(yaml, "a mount strategy (name:, description:, passes:)"), profile);
    }

    /// <summary>A strategy written inside another file (an experiment's inline strategy): errors point into that file.</summary>
    /// <exception cref="InputFileException">The node is not a valid strategy, or calls a syscall the profile lacks.</exception>
    internal static MountStrategy Read(YamlSource source, YamlNode rootNode, KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rootNode);
        ArgumentNullException.ThrowIfNull(profile);
        var root = source.Map(rootNode, string.Empty, RootKeys);
        var name = source.String(root.Required("name", "the strategy's name, e.g. per-layer"), "name");
        var description = root.Optional("description") is { } d ? source.String(d, "description") : string.Empty;
        ImmutableArray<string> versions = root.Optional("containerd") switch
        {
            null => [],
            YamlSequenceNode list => [.. list.Children.Select(v => source.String(v, "containerd"))],
            var one => [source.String(one, "containerd")],
        };

        var passesNode = root.Required("passes", "a list of passes, each with name: and syscalls:");
        var passNodes = source.Sequence(passesNode, "passes", "passes");
        if (passNodes.Count == 0)
        {
            throw source.Error(passesNode, "passes", "expected at least one pass");
        }

        var passes = passNodes.Select((node, i) =>
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"passes[{i}]");
            var pass = source.Map(node, field, PassKeys);
            var passName = source.String(pass.Required("name", "the pass's name, e.g. rootfs"), pass.PathOf("name"));
            var passDescription = pass.Optional("description") is { } pd ? source.String(pd, pass.PathOf("description")) : string.Empty;
            var syscalls = Items(source, pass.Required("syscalls", "a list of syscalls"), pass.PathOf("syscalls"), profile);
            var teardown = pass.Optional("teardown") is { } t ? Items(source, t, pass.PathOf("teardown"), profile) : [];
            return new StrategyPass(passName, passDescription, syscalls, teardown);
        });
        return new MountStrategy(name, description, versions, [.. passes]);
    }

    private static ImmutableArray<Invocation> Items(YamlSource source, YamlNode node, string field, KernelProfile profile)
    {
        var items = source.Sequence(node, field, "syscalls");
        if (items.Count == 0)
        {
            throw source.Error(node, field, "expected at least one syscall");
        }

        return [.. items.Select((item, i) => Item(source, item, string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), profile))];
    }

    private static Invocation Item(YamlSource source, YamlNode node, string field, KernelProfile profile)
    {
        if (node is YamlScalarNode)
        {
            var name = source.String(node, field);
            return profile.HasRecipe(name)
                ? new SyscallInvocation(name)
                : throw source.Error(node, field, profile.UnknownRecipe(name));
        }

        var repeat = source.Map(node, field, RepeatKeys);
        var countNode = repeat.Required("repeat", "layers or a whole number");
        var text = source.String(countNode, repeat.PathOf("repeat"));
        var count = text == "layers"
            ? RepeatCount.Layers
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var times)
                ? RepeatCount.Of(times)
                : throw source.Error(countNode, repeat.PathOf("repeat"), $"expected layers or a whole number, got '{text}'{Suggestions.DidYouMean(text, ["layers"])}");
        return new RepeatInvocation(count, Items(source, repeat.Required("syscalls", "a list of syscalls to repeat"), repeat.PathOf("syscalls"), profile));
    }
}
