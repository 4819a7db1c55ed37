using System.Collections.Immutable;
using System.Globalization;
using MountSim.Text;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Kernel.Profiles;

/// <summary>
/// Reads a kernel profile (schema in kernels/README.md): every step and figure is checked where it is
/// read, lock nesting the kernel never does is rejected, and every cost must name its source.
/// </summary>
public static class KernelProfileYamlReader
{
    private static readonly string[] RootKeys = ["name", "kernel", "description", "parameters", "recipes", "sources"];

    private static readonly string[] RecipeKeys = ["description", "steps"];

    /// <summary>What a range for a cpu step may span: what the step takes, no time up to a day.</summary>
    private static readonly FigureDomain CpuDomain = new(FigureUnit.Duration, 0, YamlSource.MaxDurationNs);

    /// <summary>A fixed repeat count's largest: a syscall repeats per layer, mount or thread, not a million times over.</summary>
    private const int MaxRepeat = 1_000_000;

    private static readonly string[] BareSteps = ["path_walk", "path_init", "percpu_sum", "rcu_gp_expedited", "mntid_alloc", "mountinfo_event", "mountinfo_lines"];

    private static readonly string[] BlockSteps = ["ns_write", "ns_read", "mount_lock_write", "mount_lock_excl"];

    /// <summary>Every step name, for did-you-mean and the docs.</summary>
    public static readonly IReadOnlyList<string> StepNames = ["cpu", .. BareSteps, .. BlockSteps, "mount_table", "slave_namespace", "repeat"];

    /// <exception cref="InputFileException">The file cannot be read or is not a valid profile.</exception>
    public static KernelProfile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(new YamlSource(path).ReadAllText(), path);
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="file">The name errors report.</param>
    /// <exception cref="InputFileException">The text is not a valid profile.</exception>
    public static KernelProfile Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var source = new YamlSource(file);
        return Read(source, source.ParseRoot(yaml, "a kernel profile (name:, kernel:, parameters:, recipes:, sources:)"));
    }

    /// <summary>A profile written inside another file (an experiment's inline kernel): errors point into that file.</summary>
    /// <exception cref="InputFileException">The node is not a valid profile.</exception>
    internal static KernelProfile Read(YamlSource source, YamlNode root)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(root);
        return new Reading(source).Read(root);
    }

    /// <summary>A parameter's value as its unit says it is written, checked against its range.</summary>
    internal static double ParameterValue(YamlSource source, ParameterDefinition definition, YamlNode node, string path) => definition.Unit switch
    {
        FigureUnit.Duration => source.DurationNs(node, path),
        FigureUnit.WholeNumber => source.Int(node, path, (int)definition.Minimum, (int)Math.Min(definition.Maximum, int.MaxValue)),
        _ => source.Number(node, path, definition.Minimum, definition.Maximum),
    };

    /// <summary>The locks held around a step, for the nesting rules.</summary>
    private readonly record struct Held(string? NamespaceSem, string? MountLock);

    private sealed class Reading(YamlSource source)
    {
        private readonly FigureSources _figures = new(source, FigureHome.KernelProfile);

        /// <summary>The recipe being read, e.g. <c>recipes.move_mount</c>: the key its costs are cited under.</summary>
        private string _recipe = string.Empty;

        public KernelProfile Read(YamlNode rootNode)
        {
            var root = source.Map(rootNode, string.Empty, RootKeys);
            var name = source.String(root.Required("name", "the profile's name, e.g. linux-6.17"), "name");
            var kernel = source.String(root.Required("kernel", "the kernel version the recipes follow, e.g. \"6.17\""), "kernel");
            var description = root.Optional("description") is { } d ? source.String(d, "description") : string.Empty;
            var parameters = ReadParameters(root.Required("parameters", "a mapping of the mechanism's parameters"));
            var recipes = ReadRecipes(root.Required("recipes", "a mapping of syscall name: {description, steps}"));
            var sources = _figures.Read(root.Optional("sources"));
            return new KernelProfile(
                name,
                description,
                kernel,
                parameters.Select(p => new ProfileParameter(p.Definition, p.Value, FigureSources.SourceOf(sources, "parameters." + p.Definition.Key)!)),
                recipes,
                sources,
                _figures.Uncertain);
        }

        private List<(ParameterDefinition Definition, double Value)> ReadParameters(YamlNode node)
        {
            var map = source.Map(node, "parameters", [.. KernelParameters.Definitions.Select(d => d.Key)]);
            var result = new List<(ParameterDefinition, double)>();
            foreach (var definition in KernelParameters.Definitions)
            {
                var path = map.PathOf(definition.Key);
                var valueNode = map.Required(definition.Key, definition.Unit switch
                {
                    FigureUnit.Duration => "a duration: ",
                    FigureUnit.WholeNumber => "a whole number: ",
                    _ => "a number: ",
                } + definition.Meaning);
                var value = ParameterValue(source, definition, valueNode, path);
                var domain = definition.Domain;
                if (definition.Key == "pcpu_alloc_hold")
                {
                    domain = domain with { Maximum = result.Single(r => r.Item1.Key == "mntid_alloc").Item2 };
                    if (value > domain.Maximum)
                    {
                        throw source.Error(valueNode, path, "expected at most mntid_alloc: the hold is the part of the allocation done under pcpu_alloc_mutex");
                    }
                }

                _figures.Add(path, valueNode, domain, value);
                result.Add((definition, value));
            }

            return result;
        }

        private List<SyscallRecipe> ReadRecipes(YamlNode node)
        {
            if (node is not YamlMappingNode { Children.Count: > 0 } mapping)
            {
                throw source.Error(node, "recipes", $"expected a mapping of syscall name: {{description, steps}}, got {YamlSource.Describe(node)}");
            }

            var recipes = new List<SyscallRecipe>();
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var name = source.String(keyNode, "recipes");
                var field = YamlSource.Join("recipes", name);
                var recipe = source.Map(valueNode, field, RecipeKeys);
                var description = recipe.Optional("description") is { } d ? source.String(d, recipe.PathOf("description")) : string.Empty;
                _recipe = field;
                var steps = Steps(recipe.Required("steps", "a list of steps"), recipe.PathOf("steps"), default);
                recipes.Add(new SyscallRecipe(name, description, steps));
            }

            return recipes;
        }

        private ImmutableArray<RecipeStep> Steps(YamlNode node, string field, Held held)
        {
            var items = source.Sequence(node, field, "steps");
            if (items.Count == 0)
            {
                throw source.Error(node, field, "expected at least one step");
            }

            return [.. items.Select((item, i) => Step(item, string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), held))];
        }

        private RecipeStep Step(YamlNode node, string field, Held held)
        {
            var (name, value) = source.Tagged(node, field, "a step: a name such as path_walk, or one key such as cpu: 1us or ns_write: [steps]");
            var path = field + "." + name;
            if (!StepNames.Contains(name))
            {
                throw source.Error(node, field, $"unknown step '{name}'{Suggestions.DidYouMean(name, StepNames)} (steps: {string.Join(", ", StepNames)})");
            }

            if (BareSteps.Contains(name) && value is not null)
            {
                throw source.Error(node, path, $"takes no value; write it alone: '- {name}'");
            }

            if (!BareSteps.Contains(name) && value is null)
            {
                throw source.Error(node, path, name switch
                {
                    "cpu" => "needs a duration: 'cpu: 1.2us'",
                    "mount_table" => "needs the change: 'mount_table: +1', 'mount_table: -1' or, for an overlay, 'mount_table: {change: +1, lowerdirs: layers}'",
                    "slave_namespace" => "needs the change: 'slave_namespace: +1' or 'slave_namespace: -1'",
                    "repeat" => "needs a mapping: 'repeat: {count: layers, steps: [...]}'",
                    _ => $"needs a list of steps: '{name}: [...]'",
                });
            }

            CheckNesting(node, path, name, held);
            switch (name)
            {
                case "cpu":
                    var ns = source.DurationNs(value!, path);
                    _figures.Add(path, value!, CpuDomain, ns, _recipe);
                    return new CpuStep(ns);
                case "path_walk":
                    return new PathWalkStep();
                case "path_init":
                    return new PathInitStep();
                case "percpu_sum":
                    return new PercpuSumStep();
                case "rcu_gp_expedited":
                    return new RcuGpExpeditedStep();
                case "mntid_alloc":
                    return new MntIdAllocStep();
                case "mountinfo_event":
                    return new MountinfoEventStep();
                case "mountinfo_lines":
                    return new MountinfoLinesStep();
                case "mount_table":
                    return MountTable(value!, path);
                case "slave_namespace":
                    var change = source.Int(value!, path, int.MinValue);
                    return change is 1 or -1 ? new SlaveNamespaceStep(change) : throw source.Error(value!, path, $"expected +1 or -1, got {change}");
                case "ns_write":
                    return new NamespaceWriteStep(Steps(value!, path, held with { NamespaceSem = name }));
                case "ns_read":
                    return new NamespaceReadStep(Steps(value!, path, held with { NamespaceSem = name }));
                case "mount_lock_write":
                    return new MountLockWriteStep(Steps(value!, path, held with { MountLock = name }));
                case "mount_lock_excl":
                    return new MountLockExclusiveStep(Steps(value!, path, held with { MountLock = name }));
                default:
                    var repeat = source.Map(value!, path, ["count", "steps"]);
                    var count = Count(repeat.Required("count", "layers, table_reads, peers, mounts or a whole number"), repeat.PathOf("count"));
                    return new RepeatStep(count, Steps(repeat.Required("steps", "a list of steps"), repeat.PathOf("steps"), held));
            }
        }

        /// <summary><c>+1</c> or <c>-1</c>, or an overlay's <c>{change: +1, lowerdirs: layers}</c>: a count known when the program is built.</summary>
        private MountTableStep MountTable(YamlNode value, string path)
        {
            int Change(YamlNode node, string field)
            {
                var delta = source.Int(node, field, int.MinValue);
                return delta != 0 ? delta : throw source.Error(node, field, "expected a change such as +1 or -1, got 0");
            }

            if (value is not YamlMappingNode)
            {
                return new MountTableStep(Change(value, path));
            }

            var table = source.Map(value, path, ["change", "lowerdirs"]);
            var lowerdirsNode = table.Required("lowerdirs", "layers or a whole number");
            var lowerdirs = Count(lowerdirsNode, table.PathOf("lowerdirs"));
            if (lowerdirs.ReadAtRunTime)
            {
                throw source.Error(lowerdirsNode, table.PathOf("lowerdirs"), $"expected layers or a whole number, got '{lowerdirs}': an overlay's line is fixed when it is mounted");
            }

            return new MountTableStep(Change(table.Required("change", "+1 or -1"), table.PathOf("change")), lowerdirs);
        }

        private RepeatCount Count(YamlNode node, string field)
        {
            var text = source.String(node, field);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var times))
            {
                return times <= MaxRepeat ? RepeatCount.Of(times) : throw source.Error(node, field, string.Create(CultureInfo.InvariantCulture, $"expected at most {MaxRepeat:N0} rounds, got {times:N0}"));
            }

            return text switch
            {
                "layers" => RepeatCount.Layers,
                "table_reads" => RepeatCount.TableReads,
                "peers" => RepeatCount.Peers,
                "mounts" => RepeatCount.Mounts,
                "threads" => RepeatCount.Threads,
                _ => throw source.Error(node, field, $"expected layers, table_reads, peers, mounts, threads or a whole number, got '{text}'{Suggestions.DidYouMean(text, RepeatCount.VariableNames)}"),
            };
        }

        /// <summary>Rejects what the kernel never does: nested or sleeping-under-spinlock sections, a grace period under a lock, sums and events outside mount_lock.</summary>
        private void CheckNesting(YamlNode node, string path, string name, Held held)
        {
            string? problem = name switch
            {
                "ns_write" or "ns_read" when held.MountLock is { } spin =>
                    $"{name} inside {spin}: namespace_sem is a sleeping lock and cannot be taken under the mount_lock spinlock",
                "ns_write" or "ns_read" when held.NamespaceSem is { } outer =>
                    $"{name} inside {outer}: namespace_sem is not recursive, a second section inside the first deadlocks",
                "mount_lock_write" or "mount_lock_excl" when held.MountLock is { } outer =>
                    $"{name} inside {outer}: mount_lock is a spinlock and not recursive, a section inside another deadlocks",
                "rcu_gp_expedited" when held.MountLock is { } spin =>
                    $"inside {spin}: nothing may wait for a grace period under the mount_lock spinlock",
                "rcu_gp_expedited" when held.NamespaceSem is { } outer =>
                    $"inside {outer}: the kernel releases namespace_sem before the grace period (namespace_unlock: up_write, then synchronize_rcu_expedited), so only the caller waits; move it after the section",
                "path_walk" or "path_init" when held.MountLock is { } spin =>
                    $"inside {spin}: a lookup under mount_lock deadlocks (path_init spins while the sequence is odd)",
                "mntid_alloc" when held.MountLock is { } spin =>
                    $"inside {spin}: mnt id allocation takes pcpu_alloc_mutex, a sleeping lock, so it runs before mount_lock is taken",
                "percpu_sum" when held.MountLock is null =>
                    "outside mount_lock: every caller sums the per-CPU counters under mount_lock (../shared/reference/kernel-mount-locks.md 1.6); put it inside mount_lock_write or mount_lock_excl",
                "mountinfo_event" when held.MountLock is null =>
                    "outside mount_lock: touch_mnt_namespace runs under mount_lock; put it inside mount_lock_write",
                "mount_table" when held.MountLock != "mount_lock_write" =>
                    "outside mount_lock_write: the host table changes under write_seqlock(mount_lock); put it inside mount_lock_write",
                "mountinfo_lines" when held.NamespaceSem is null =>
                    "outside a namespace_sem section: mountinfo lines are formatted between m_start and m_stop; put it inside ns_read",
                _ => null,
            };
            if (problem is not null)
            {
                throw source.Error(node, path, problem);
            }
        }
    }
}
