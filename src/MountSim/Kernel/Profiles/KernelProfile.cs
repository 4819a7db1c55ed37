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
        IReadOnlyDictionary<string, string> sources,
        IEnumerable<UncertainFigure>? uncertainFigures = null)
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
        UncertainFigures = (uncertainFigures ?? []).ToList().AsReadOnly();
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

    /// <summary>The figures whose source gives a range (<c>parameters.rwsem_wakeup</c>, <c>recipes.close_attached.steps[0].cpu</c>), with the value in force.</summary>
    public IReadOnlyList<UncertainFigure> UncertainFigures { get; }

    public bool HasRecipe(string name) => _recipes.ContainsKey(name);

    /// <summary>What a file that names <paramref name="name"/> as a syscall is told when this profile has no such recipe.</summary>
    public string UnknownRecipe(string name) =>
        $"unknown syscall '{name}'{Suggestions.DidYouMean(name, RecipeNames)} (kernel profile {Name} has: {string.Join(", ", RecipeNames)})";

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

        // A parameter given another value and source is no longer the figure its range was given for.
        var figures = UncertainFigures.Where(f => !values.Keys.Any(k => f.Key == "parameters." + k));
        return new KernelProfile(Name + suffix, Description, KernelVersion, parameters, RecipeList, sources, figures);
    }

    /// <summary>
    /// A variant whose recipe <c>cpu</c> steps all take <paramref name="factor"/> times as long (a host's
    /// CPU speed against the one the profile was fitted on), named <c>NAME+cpu_scale=factor</c>; each
    /// recipe's citation starts with <paramref name="source"/>.
    /// </summary>
    public KernelProfile WithCpuScale(double factor, string source)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return Scaled(RecipeNames.ToDictionary(r => r, _ => (factor, factor), StringComparer.Ordinal), string.Create(CultureInfo.InvariantCulture, $"+cpu_scale={factor}"), source);
    }

    /// <summary>
    /// A variant in which each named recipe's <c>cpu</c> parts add up to the given totals: every cpu step
    /// outside a <c>repeat: layers</c> scaled by one factor, every one inside by another, so the split
    /// between steps (and so what is held under which lock) stays as the profile has it. Each changed
    /// recipe's citation starts with <paramref name="source"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A recipe is not in the profile.</exception>
    /// <exception cref="ArgumentException">A part the recipe does not have is given a nonzero total.</exception>
    public KernelProfile WithRecipeCpu(IReadOnlyDictionary<string, RecipeCpu> totals, string source)
    {
        ArgumentNullException.ThrowIfNull(totals);
        static double Factor(double target, double now, string recipe) =>
            now > 0 ? target / now
            : target == 0 ? 1
            : throw new ArgumentException($"Recipe '{recipe}' has no cpu steps of that kind to scale to {target} ns.", nameof(totals));
        var factors = totals.ToDictionary(
            t => t.Key,
            t => CpuNs(t.Key) is var now ? (Factor(t.Value.FixedNs, now.FixedNs, t.Key), Factor(t.Value.PerLayerNs, now.PerLayerNs, t.Key)) : default,
            StringComparer.Ordinal);
        return Scaled(factors, "+" + string.Join('+', totals.Keys.Order(StringComparer.Ordinal)) + "_cpu", source);
    }

    /// <summary>
    /// A recipe's <c>cpu</c> parts: those outside any repeat, and those inside a <c>repeat: layers</c> per layer.
    /// The parts repeated per peer, mount, thread or read are figures of their own: a fit to one call's
    /// timings neither counts nor scales them.
    /// </summary>
    public RecipeCpu CpuNs(string recipe)
    {
        static RecipeCpu Sum(IEnumerable<RecipeStep> steps, bool perLayer) => steps.Aggregate(new RecipeCpu(0, 0), (total, step) => step switch
        {
            CpuStep cpu when perLayer => total with { PerLayerNs = total.PerLayerNs + cpu.Ns },
            CpuStep cpu => total with { FixedNs = total.FixedNs + cpu.Ns },
            RepeatStep { Count.Variable: RepeatVariable.Layers } repeat => total + Sum(repeat.Steps, perLayer: true),
            RepeatStep { Count.ReadAtRunTime: true } => total,
            BlockStep block => total + Sum(block.Steps, perLayer),
            _ => total,
        });
        return Sum(Recipe(recipe).Steps, perLayer: false);
    }

    /// <summary>Each named recipe with its cpu steps times one factor outside a <c>repeat: layers</c> and another inside.</summary>
    private KernelProfile Scaled(IReadOnlyDictionary<string, (double Fixed, double PerLayer)> factors, string nameSuffix, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        static RecipeStep Scale(RecipeStep step, (double Fixed, double PerLayer) factor, bool perLayer) => step switch
        {
            CpuStep cpu => cpu with { Ns = cpu.Ns * (perLayer ? factor.PerLayer : factor.Fixed) },
            RepeatStep { Count.Variable: RepeatVariable.Layers } repeat => repeat with { Steps = [.. repeat.Steps.Select(s => Scale(s, factor, perLayer: true))] },
            RepeatStep { Count.ReadAtRunTime: true } => step,
            BlockStep block => block with { Steps = [.. block.Steps.Select(s => Scale(s, factor, perLayer))] },
            _ => step,
        };
        var recipes = RecipeList.Select(r => factors.TryGetValue(r.Name, out var factor) ? r with { Steps = [.. r.Steps.Select(s => Scale(s, factor, perLayer: false))] } : r).ToList();
        var sources = new Dictionary<string, string>(Sources, StringComparer.Ordinal);
        foreach (var recipe in factors.Keys)
        {
            var key = "recipes." + recipe;
            sources[key] = SourceOf(key) is { } before ? $"{source}; before: {before}" : source;
        }

        // A scaled step's range scales with it: the uncertainty is in the work, whatever the host's speed.
        var scaled = recipes.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var figures = UncertainFigures.Select(f =>
            RecipeFigurePath.TryRecipe(f.Key, out var recipe) && factors.ContainsKey(recipe) && f.Nominal > 0
                ? f.Scaled(RecipeFigurePath.CpuAt(scaled[recipe], f.Key).Ns / f.Nominal)
                : f);
        return new KernelProfile(Name + nameSuffix, Description, KernelVersion, ParameterList, recipes, sources, figures);
    }

    /// <summary>
    /// This profile with some of its uncertain figures set to other values inside their ranges and nothing else
    /// changed, its name included: what a study of the model's sensitivity to them runs. Keys are those of
    /// <see cref="UncertainFigures"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not one of this profile's uncertain figures.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its figure's range, or pcpu_alloc_hold ends above mntid_alloc.</exception>
    public KernelProfile WithFigures(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var figures = UncertainFigures.ToList();
        var parameters = ParameterList.ToList();
        var recipes = RecipeList.ToList();
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var i = figures.FindIndex(f => f.Key == key);
            if (i < 0)
            {
                throw new ArgumentException($"'{key}' is not an uncertain figure of kernel profile '{Name}' (those with a range: {string.Join(", ", figures.Select(f => f.Key))}).", nameof(values));
            }

            figures[i] = figures[i].WithNominal(value);
            if (RecipeFigurePath.TryRecipe(key, out var recipe))
            {
                var r = recipes.FindIndex(s => s.Name == recipe);
                recipes[r] = RecipeFigurePath.WithCpuAt(recipes[r], key, value);
            }
            else
            {
                var p = parameters.FindIndex(s => "parameters." + s.Key == key);
                parameters[p] = parameters[p] with { Value = value };
            }
        }

        var profile = new KernelProfile(Name, Description, KernelVersion, parameters, recipes, Sources, figures);
        return profile.Parameters.PcpuAllocHoldNs <= profile.Parameters.MntIdAllocNs
            ? profile
            : throw new ArgumentOutOfRangeException(nameof(values), $"pcpu_alloc_hold ({Durations.Format(profile.Parameters.PcpuAllocHoldNs)}) would be above mntid_alloc ({Durations.Format(profile.Parameters.MntIdAllocNs)}), of which it is a part.");
    }

    /// <summary>The same profile under another name and description (a fitted profile names its host).</summary>
    public KernelProfile Renamed(string name, string description) =>
        new(name, description, KernelVersion, ParameterList, RecipeList, Sources, UncertainFigures);

    /// <exception cref="KeyNotFoundException">The profile has no such syscall.</exception>
    public SyscallRecipe Recipe(string name) =>
        _recipes.TryGetValue(name, out var recipe) ? recipe : throw new KeyNotFoundException($"Kernel profile '{Name}' has no recipe '{name}'.");

    /// <summary>The citation of a figure or of its nearest enclosing section; null when none.</summary>
    public string? SourceOf(string path) => FigureSources.SourceOf(Sources, path);

    /// <summary>
    /// One call's latency with no contention: its cpu parts, lookups, id allocations, events, sums over
    /// <paramref name="nrPossibleCpus"/> clean lines, grace periods with no other busy CPU, and mountinfo
    /// lines of a <paramref name="mounts"/>-line table, walks over <paramref name="threads"/> host threads.
    /// Lock sections add nothing: uncontended acquisition is part of the measured cpu parts. This is what
    /// the profile's cpu parts were fitted to.
    /// </summary>
    public double UncontendedNs(string recipe, int layers, int nrPossibleCpus, int mounts, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nrPossibleCpus, 1);
        var p = Parameters;
        var bindings = RepeatBindings.For(layers, mounts, p.MountinfoLinesPerRead, threads);
        var linesPerStep = (double)mounts / bindings.TableReads;
        double Sum(IEnumerable<RecipeStep> steps) => steps.Sum(step => step switch
        {
            RepeatStep repeat => repeat.Count.Resolve(bindings) * Sum(repeat.Steps),
            BlockStep block => Sum(block.Steps),
            CpuStep cpu => cpu.Ns,
            PathWalkStep => p.PathWalkNs,
            PercpuSumStep => nrPossibleCpus * p.PercpuSumPerCpuNs,
            RcuGpExpeditedStep => p.RcuGpExpeditedNs,
            MntIdAllocStep => p.MntIdAllocNs + (nrPossibleCpus * p.PercpuSumPerCpuNs),
            MountinfoEventStep => p.MountinfoEventNs,
            MountinfoLinesStep => linesPerStep * p.MountinfoPerLineNs,
            _ => 0,
        });
        return Sum(Recipe(recipe).Steps);
    }
}
