using System.Collections.Immutable;

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
        return this with { Phases = [.. phases], Sources = sources.ToImmutable() };
    }
}
