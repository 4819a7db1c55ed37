using System.Collections.Immutable;
using System.Globalization;
using MountSim.Yaml;

namespace MountSim.Workload.Runtimes;

/// <summary>
/// A container runtime as data: what it does per container start around the strategy's mount passes, in
/// named phases of userspace work, kernel recipes, whole reads of the mount table and the strategy's
/// passes. <see cref="None"/> is the kernel's mount work alone: the strategy's passes and nothing else.
/// </summary>
/// <param name="Version">The runtime as measured or read, e.g. <c>runc 1.1.5 (Debian 12)</c>.</param>
/// <param name="Sources">Where each figure comes from, by step path (<c>phases.runc_create.steps[0]</c>).</param>
public sealed record RuntimeProfile(string Name, string Description, string Version, ImmutableArray<RuntimePhase> Phases, ImmutableDictionary<string, string> Sources)
{
    public const string NoneName = "none";

    /// <summary>No runtime: a start is its strategy's passes.</summary>
    public static RuntimeProfile None { get; } = new(NoneName, "the strategy's mount passes alone, no runtime work", string.Empty, [], ImmutableDictionary<string, string>.Empty);

    /// <summary>
    /// The steps whose source gives a range, keyed <c>phases.PHASE.steps[i]</c> (an included runtime's phases
    /// keep their keys): the work of a <c>cpu</c> step, the per-line parsing of a <c>mountinfo</c> step.
    /// </summary>
    public ImmutableArray<UncertainFigure> UncertainFigures { get; init; } = [];

    /// <summary>The key a step's source and figure have: <c>phases.runc_create.steps[0]</c>.</summary>
    public static string StepKey(string phase, int step) => string.Create(CultureInfo.InvariantCulture, $"phases.{phase}.steps[{step}]");

    /// <summary>The phase and step a <see cref="StepKey"/> names; null for any other key.</summary>
    public static (string Phase, int Step)? StepOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        const string prefix = "phases.";
        var steps = key.LastIndexOf(".steps[", StringComparison.Ordinal);
        return key.StartsWith(prefix, StringComparison.Ordinal) && steps > prefix.Length && key.EndsWith(']')
            && int.TryParse(key.AsSpan(steps + 7, key.Length - steps - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? (key[prefix.Length..steps], step)
            : null;
    }

    /// <summary>The strategy passes this runtime places itself; the others run before its first phase.</summary>
    public IEnumerable<string> PlacedPasses => Phases.SelectMany(p => p.Steps).OfType<StrategyPasses>().SelectMany(p => p.Names);

    /// <summary>The same runtime with each phase's userspace work and parsing scaled (what calibrate fits).</summary>
    public RuntimeProfile WithPhaseCosts(IReadOnlyDictionary<string, RuntimePhaseCost> costs, string source)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var sources = Sources.ToBuilder();
        var phases = Phases.Select(phase =>
        {
            if (!costs.TryGetValue(phase.Name, out var cost))
            {
                return phase;
            }

            sources[$"phases.{phase.Name}"] = source;
            return phase.WithCost(cost);
        });
        // A fitted phase's steps are no longer the placeholders their ranges were given for.
        return this with
        {
            Phases = [.. phases],
            Sources = sources.ToImmutable(),
            UncertainFigures = [.. UncertainFigures.Where(f => !(StepOf(f.Key) is { } step && costs.ContainsKey(step.Phase)))],
        };
    }

    /// <summary>
    /// This runtime with some of its uncertain figures set to other values inside their ranges and nothing
    /// else changed, its name included: what a study of the model's sensitivity to them runs. Keys are those
    /// of <see cref="UncertainFigures"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not one of this runtime's uncertain figures.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its figure's range.</exception>
    public RuntimeProfile WithFigures(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var figures = UncertainFigures.ToList();
        var phases = Phases.ToList();
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var i = figures.FindIndex(f => f.Key == key);
            if (i < 0 || StepOf(key) is not { } step)
            {
                throw new ArgumentException($"'{key}' is not an uncertain figure of runtime '{Name}' (those with a range: {string.Join(", ", figures.Select(f => f.Key))}).", nameof(values));
            }

            figures[i] = figures[i].WithNominal(value);
            var p = phases.FindIndex(phase => phase.Name == step.Phase);
            phases[p] = phases[p] with
            {
                Steps = phases[p].Steps.SetItem(step.Step, phases[p].Steps[step.Step] switch
                {
                    UserspaceWork work => work with { Ns = value },
                    MountTableRead read => read with { ParseNsPerLine = value },
                    _ => throw new ArgumentException($"'{key}' is a step without a figure of its own.", nameof(values)),
                }),
            };
        }

        return this with { Phases = [.. phases], UncertainFigures = [.. figures] };
    }
}
