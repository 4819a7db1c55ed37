using System.Globalization;
using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Kernel.Profiles;

/// <summary>
/// A kernel version's mount code as data: the parameters the mechanism needs and one recipe per syscall.
/// Immutable once built; <see cref="KernelProfileYamlReader"/> reads one from YAML.
/// </summary>
public sealed class KernelProfile
{
    private readonly Dictionary<string, SyscallRecipe> _recipes;

    public KernelProfile(
        string name,
        string description,
        string kernelVersion,
        IEnumerable<ProfileParameter> parameters,
        IEnumerable<SyscallRecipe> recipes,
        IReadOnlyDictionary<string, string> sources)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(recipes);
        ArgumentNullException.ThrowIfNull(sources);
        Name = name;
        Description = description;
        KernelVersion = kernelVersion;
        ParameterList = [.. parameters];
        Parameters = KernelParameters.From(ParameterList.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        RecipeList = [.. recipes];
        _recipes = RecipeList.ToDictionary(r => r.Name, StringComparer.Ordinal);
        Sources = new Dictionary<string, string>(sources, StringComparer.Ordinal).AsReadOnly();
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>The kernel the recipes follow, e.g. <c>6.17</c>.</summary>
    public string KernelVersion { get; }

    public KernelParameters Parameters { get; }

    /// <summary>The parameters with their citations, in file order.</summary>
    public IReadOnlyList<ProfileParameter> ParameterList { get; }

    /// <summary>The recipes in file order.</summary>
    public IReadOnlyList<SyscallRecipe> RecipeList { get; }

    public IReadOnlyCollection<string> RecipeNames => _recipes.Keys;

    /// <summary>Citations by figure path (<c>parameters.path_walk</c>, <c>recipes.move_mount</c>).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    public bool HasRecipe(string name) => _recipes.ContainsKey(name);

    /// <summary>
    /// A variant with some parameters changed (what an experiment overrides), named
    /// <c>NAME+key=value</c>; each changed parameter cites <paramref name="source"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not a parameter.</exception>
    public KernelProfile WithParameters(IReadOnlyDictionary<string, double> values, string source)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var key in values.Keys.Where(k => !ParameterList.Any(p => p.Key == k)))
        {
            throw new ArgumentException($"'{key}' is not a kernel parameter{Suggestions.DidYouMean(key, ParameterList.Select(p => p.Key))}.", nameof(values));
        }

        var parameters = ParameterList.Select(p => values.TryGetValue(p.Key, out var value) ? p with { Value = value, Source = source } : p).ToList();
        var sources = new Dictionary<string, string>(Sources, StringComparer.Ordinal);
        foreach (var key in values.Keys)
        {
            sources["parameters." + key] = source;
        }

        var suffix = string.Concat(parameters.Where(p => values.ContainsKey(p.Key)).Select(p => string.Create(CultureInfo.InvariantCulture, $"+{p.Key}={p.Value}")));
        return new KernelProfile(Name + suffix, Description, KernelVersion, parameters, RecipeList, sources);
    }

    /// <summary>
    /// A variant whose recipe <c>cpu</c> steps all take <paramref name="factor"/> times as long (a host's
    /// CPU speed against the one the profile was fitted on), named <c>NAME+cpu_scale=factor</c>; each
    /// recipe's citation starts with <paramref name="source"/>.
    /// </summary>
    public KernelProfile WithCpuScale(double factor, string source)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        ArgumentNullException.ThrowIfNull(source);
        RecipeStep Scale(RecipeStep step) => step switch
        {
            CpuStep cpu => cpu with { Ns = cpu.Ns * factor },
            BlockStep block => block with { Steps = [.. block.Steps.Select(Scale)] },
            _ => step,
        };
        var recipes = RecipeList.Select(r => r with { Steps = [.. r.Steps.Select(Scale)] });
        var sources = new Dictionary<string, string>(Sources, StringComparer.Ordinal);
        foreach (var recipe in RecipeList)
        {
            var key = "recipes." + recipe.Name;
            sources[key] = SourceOf(key) is { } before ? $"{source}; before: {before}" : source;
        }

        var name = Name + string.Create(CultureInfo.InvariantCulture, $"+cpu_scale={factor}");
        return new KernelProfile(name, Description, KernelVersion, ParameterList, recipes, sources);
    }

    /// <summary>The same profile under another name and description (a fitted profile names its host).</summary>
    public KernelProfile Renamed(string name, string description) =>
        new(name, description, KernelVersion, ParameterList, RecipeList, Sources);

    /// <exception cref="KeyNotFoundException">The profile has no such syscall.</exception>
    public SyscallRecipe Recipe(string name) =>
        _recipes.TryGetValue(name, out var recipe) ? recipe : throw new KeyNotFoundException($"Kernel profile '{Name}' has no recipe '{name}'.");

    /// <summary>The citation of a figure or of its nearest enclosing section; null when none.</summary>
    public string? SourceOf(string path) => FigureSources.SourceOf(Sources, path);

    /// <summary>
    /// One call's latency with no contention: its cpu parts, lookups, id allocations, events, sums over
    /// <paramref name="nrPossibleCpus"/> clean lines, grace periods with no other busy CPU, and mountinfo
    /// lines of a <paramref name="mounts"/>-line table. Lock sections add nothing: uncontended acquisition
    /// is part of the measured cpu parts. This is what the profile's cpu parts were fitted to.
    /// </summary>
    public double UncontendedNs(string recipe, int layers, int nrPossibleCpus, int mounts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nrPossibleCpus, 1);
        var p = Parameters;
        var bindings = RepeatBindings.For(layers, mounts, p.MountinfoLinesPerRead);
        var linesPerStep = (double)mounts / bindings.TableReads;
        double Sum(IEnumerable<RecipeStep> steps) => steps.Sum(step => step switch
        {
            RepeatStep repeat => repeat.Count.Resolve(bindings) * Sum(repeat.Steps),
            BlockStep block => Sum(block.Steps),
            CpuStep cpu => cpu.Ns,
            PathWalkStep => p.PathWalkNs,
            PercpuSumStep => nrPossibleCpus * p.PercpuSumPerCpuNs,
            RcuGpExpeditedStep => p.RcuGpExpeditedNs,
            MntIdAllocStep => p.MntIdAllocNs,
            MountinfoEventStep => p.MountinfoEventNs,
            MountinfoLinesStep => linesPerStep * p.MountinfoPerLineNs,
            _ => 0,
        });
        return Sum(Recipe(recipe).Steps);
    }
}
