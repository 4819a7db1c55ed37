using System.Collections.Immutable;

namespace MountSim.Workload.Runtimes;

/// <summary>One named phase of a start (runc's create, start to exit, delete): its steps in order.</summary>
public sealed record RuntimePhase(string Name, string Description, ImmutableArray<RuntimeStep> Steps)
{
    /// <summary>The phase's userspace work and per-line parsing as they stand.</summary>
    public RuntimePhaseCost Cost => new(
        Steps.OfType<UserspaceWork>().Sum(w => w.Ns * w.Times),
        Steps.OfType<MountTableRead>().Select(r => r.ParseNsPerLine).DefaultIfEmpty(0).Max());

    /// <summary>How many whole reads of the mount table the phase makes.</summary>
    public int TableReads => Steps.OfType<MountTableRead>().Sum(r => r.Times);

    /// <summary>The phase with its userspace work scaled to <paramref name="cost"/>'s total (each step keeps its share) and every read parsed at its per-line cost.</summary>
    public RuntimePhase WithCost(RuntimePhaseCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var current = Cost;
        var scale = current.UserspaceNs > 0 ? cost.UserspaceNs / current.UserspaceNs : 0;
        var steps = Steps.Select(step => step switch
        {
            UserspaceWork work => work with { Ns = work.Ns * scale },
            MountTableRead read => read with { ParseNsPerLine = cost.ParseNsPerLine },
            _ => step,
        }).ToList();
        if (current.UserspaceNs == 0 && cost.UserspaceNs > 0)
        {
            steps.Insert(0, new UserspaceWork(cost.UserspaceNs, 1));
        }

        return this with { Steps = [.. steps] };
    }
}
