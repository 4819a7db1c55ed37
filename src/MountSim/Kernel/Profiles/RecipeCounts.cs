namespace MountSim.Kernel.Profiles;

/// <summary>
/// How many times one or more syscalls take each global lock and do each counted step, read from the
/// recipes alone (no simulation). A section counts once however long it is held.
/// </summary>
public sealed record RecipeCounts
{
    public static readonly RecipeCounts Zero = new();

    /// <summary>down_write(namespace_sem), W(ns).</summary>
    public long NsWrite { get; init; }

    /// <summary>down_read(namespace_sem), R(ns).</summary>
    public long NsRead { get; init; }

    /// <summary>write_seqlock(mount_lock), WL.</summary>
    public long MountLockWrite { get; init; }

    /// <summary>read_seqlock_excl(mount_lock), XL.</summary>
    public long MountLockExclusive { get; init; }

    /// <summary>synchronize_rcu_expedited, EXP-GP.</summary>
    public long RcuGpExpedited { get; init; }

    public long PercpuSums { get; init; }

    public long MntIdAllocs { get; init; }

    public long MountinfoEvents { get; init; }

    public long PathWalks { get; init; }

    /// <summary>Mounts added to the host table.</summary>
    public long MountTableAdds { get; init; }

    /// <summary>Mounts removed from the host table.</summary>
    public long MountTableRemoves { get; init; }

    /// <summary>Attaches plus detaches: every change of the host mount table.</summary>
    public long MountTableOps => MountTableAdds + MountTableRemoves;

    public static RecipeCounts operator +(RecipeCounts a, RecipeCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            NsWrite = a.NsWrite + b.NsWrite,
            NsRead = a.NsRead + b.NsRead,
            MountLockWrite = a.MountLockWrite + b.MountLockWrite,
            MountLockExclusive = a.MountLockExclusive + b.MountLockExclusive,
            RcuGpExpedited = a.RcuGpExpedited + b.RcuGpExpedited,
            PercpuSums = a.PercpuSums + b.PercpuSums,
            MntIdAllocs = a.MntIdAllocs + b.MntIdAllocs,
            MountinfoEvents = a.MountinfoEvents + b.MountinfoEvents,
            PathWalks = a.PathWalks + b.PathWalks,
            MountTableAdds = a.MountTableAdds + b.MountTableAdds,
            MountTableRemoves = a.MountTableRemoves + b.MountTableRemoves,
        };
    }

    public static RecipeCounts operator *(long times, RecipeCounts a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            NsWrite = times * a.NsWrite,
            NsRead = times * a.NsRead,
            MountLockWrite = times * a.MountLockWrite,
            MountLockExclusive = times * a.MountLockExclusive,
            RcuGpExpedited = times * a.RcuGpExpedited,
            PercpuSums = times * a.PercpuSums,
            MntIdAllocs = times * a.MntIdAllocs,
            MountinfoEvents = times * a.MountinfoEvents,
            PathWalks = times * a.PathWalks,
            MountTableAdds = times * a.MountTableAdds,
            MountTableRemoves = times * a.MountTableRemoves,
        };
    }

    public static RecipeCounts Add(RecipeCounts left, RecipeCounts right) => left + right;

    public static RecipeCounts Multiply(long times, RecipeCounts counts) => times * counts;

    /// <summary>The counts of a list of steps, repeats expanded with <paramref name="bindings"/>.</summary>
    public static RecipeCounts Of(IEnumerable<RecipeStep> steps, RepeatBindings bindings)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var total = Zero;
        foreach (var step in steps)
        {
            total += step switch
            {
                RepeatStep repeat => repeat.Count.Resolve(bindings) * Of(repeat.Steps, bindings),
                NamespaceWriteStep block => new RecipeCounts { NsWrite = 1 } + Of(block.Steps, bindings),
                NamespaceReadStep block => new RecipeCounts { NsRead = 1 } + Of(block.Steps, bindings),
                MountLockWriteStep block => new RecipeCounts { MountLockWrite = 1 } + Of(block.Steps, bindings),
                MountLockExclusiveStep block => new RecipeCounts { MountLockExclusive = 1 } + Of(block.Steps, bindings),
                RcuGpExpeditedStep => new RecipeCounts { RcuGpExpedited = 1 },
                PercpuSumStep => new RecipeCounts { PercpuSums = 1 },
                MntIdAllocStep => new RecipeCounts { MntIdAllocs = 1 },
                MountinfoEventStep => new RecipeCounts { MountinfoEvents = 1 },
                PathWalkStep => new RecipeCounts { PathWalks = 1 },
                MountTableStep { Delta: > 0 } table => new RecipeCounts { MountTableAdds = table.Delta },
                MountTableStep table => new RecipeCounts { MountTableRemoves = -table.Delta },
                _ => Zero,
            };
        }

        return total;
    }
}
