using System.Collections.Immutable;
using MountSim.Kernel.Profiles;

namespace MountSim.Kernel.Loops;

/// <summary>
/// One round of a per-mount loop made only of short steps (copy_tree's clone and attach, the final mntput of
/// each detached mount): its stretches of work and mount_lock sections in order, and the new mounts it
/// allocates (each an id and per-CPU counters, <c>mntid_alloc</c>, whose cost is in the work).
/// </summary>
public sealed record MountLoopBody(ImmutableArray<LoopSegment> Segments, int Allocations)
{
    /// <summary>The round's mount_lock sections.</summary>
    public IEnumerable<LoopSegment> Sections => Segments.Where(s => s.IsSection);

    /// <summary>
    /// The body of a loop over <paramref name="steps"/>, or null when a step is not short (a namespace_sem
    /// section, a grace period, a mount-table change, a nested repeat): such a loop runs round by round.
    /// </summary>
    public static MountLoopBody? Of(IEnumerable<RecipeStep> steps, KernelParameters parameters, int nrPossibleCpus)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(parameters);
        var segments = ImmutableArray.CreateBuilder<LoopSegment>();
        var allocations = 0;
        var ops = 0;
        var (outside, outsideAllocations, outsideFirst) = (0.0, 0, 0);
        void EndOutside()
        {
            if (ops > outsideFirst)
            {
                segments.Add(new LoopSegment(IsSection: false, BumpsSequence: false, outside, outsideAllocations, outsideFirst, ops - outsideFirst));
            }
        }

        foreach (var step in steps)
        {
            switch (step)
            {
                case MntIdAllocStep:
                    allocations++;
                    outsideAllocations++;
                    outside += parameters.MntIdAllocNs + (nrPossibleCpus * parameters.PercpuSumPerCpuNs);
                    ops++;
                    break;
                case MountLockWriteStep or MountLockExclusiveStep when Work(((BlockStep)step).Steps, parameters, nrPossibleCpus) is { } inner:
                    EndOutside();

                    // The lock, one operation per inner step, the unlock.
                    var count = ((BlockStep)step).Steps.Length + 2;
                    segments.Add(new LoopSegment(IsSection: true, BumpsSequence: step is MountLockWriteStep, inner, 0, ops, count));
                    ops += count;
                    (outside, outsideAllocations, outsideFirst) = (0, 0, ops);
                    break;
                default:
                    if (Work([step], parameters, nrPossibleCpus) is not { } work)
                    {
                        return null;
                    }

                    outside += work;
                    ops++;
                    break;
            }
        }

        EndOutside();
        return new MountLoopBody(segments.ToImmutable(), allocations);
    }

    /// <summary>The cost of steps that are all plain work (cpu, percpu_sum), or null.</summary>
    private static double? Work(IEnumerable<RecipeStep> steps, KernelParameters parameters, int nrPossibleCpus)
    {
        var total = 0.0;
        foreach (var step in steps)
        {
            switch (step)
            {
                case CpuStep cpu:
                    total += cpu.Ns;
                    break;
                case PercpuSumStep:
                    total += nrPossibleCpus * parameters.PercpuSumPerCpuNs;
                    break;
                default:
                    return null;
            }
        }

        return total;
    }
}
