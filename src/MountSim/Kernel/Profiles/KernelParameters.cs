using MountSim.Yaml;

namespace MountSim.Kernel.Profiles;

/// <summary>The costs and constants a profile gives the mechanism, durations in ns. Every one is required.</summary>
public sealed record KernelParameters
{
    /// <summary>Every parameter a profile must give, in file order.</summary>
    public static readonly IReadOnlyList<ParameterDefinition> Definitions =
    [
        new("path_walk", FigureUnit.Duration, 0, "one lookup of a path that crosses a mountpoint, RCU walk, uncontended"),
        new("ref_walk_factor", FigureUnit.Number, 1, "a lookup restarted in ref-walk mode costs this many path_walks", Maximum: 100),
        new("percpu_sum_per_cpu", FigureUnit.Duration, 0, "one possible CPU's counter in a percpu_sum when its line is local and clean"),
        new("mntid_alloc", FigureUnit.Duration, 0, "mnt id (xa_lock) and per-CPU counter allocation of a new struct mount"),
        new("pcpu_alloc_hold", FigureUnit.Duration, 0, "the part of mntid_alloc under pcpu_alloc_mutex, one allocation at a time host-wide"),
        new("mountinfo_event", FigureUnit.Duration, 0, "touch_mnt_namespace: bump the event count and wake the pollers"),
        new("mountinfo_per_byte", FigureUnit.Duration, 0, "one byte of /proc/self/mountinfo formatted under namespace_sem read"),
        new("mountinfo_line_bytes", FigureUnit.WholeNumber, 1, "a mount's mountinfo line, without an overlay's layers", Maximum: 3 * 4096),
        new("mountinfo_lowerdir_bytes", FigureUnit.WholeNumber, 0, "what each lowerdir adds to an overlay's mountinfo line", Maximum: 4096),
        new("mountinfo_read_bytes", FigureUnit.WholeNumber, 1, "bytes one read() formats between m_start and m_stop", Maximum: 1 << 20),
        new("rcu_gp_expedited", FigureUnit.Duration, 0, "an expedited RCU grace period with no other busy CPU"),
        new("rcu_gp_expedited_per_busy_cpu", FigureUnit.Duration, 0, "added to a grace period per other non-idle CPU"),
        new("rwsem_wakeup", FigureUnit.Duration, 0, "wake-up latency of a sleeping namespace_sem waiter"),
        new("rwsem_handoff", FigureUnit.Duration, 0, "wait after which a namespace_sem waiter sets the handoff bit"),
        new("rwsem_reader_batch", FigureUnit.WholeNumber, 1, "readers woken together at most", Maximum: 1 << 16),
    ];

    public required double PathWalkNs { get; init; }

    public required double RefWalkFactor { get; init; }

    public required double PercpuSumPerCpuNs { get; init; }

    public required double MntIdAllocNs { get; init; }

    public required double PcpuAllocHoldNs { get; init; }

    public required double MountinfoEventNs { get; init; }

    public required double MountinfoPerByteNs { get; init; }

    public required int MountinfoLineBytes { get; init; }

    public required int MountinfoLowerdirBytes { get; init; }

    public required int MountinfoReadBytes { get; init; }

    /// <summary>One plain line (a mount that is not an overlay) formatted.</summary>
    public double MountinfoPerLineNs => MountinfoLineBytes * MountinfoPerByteNs;

    /// <summary>Plain lines one read() formats: what a table of such lines costs per namespace_sem read section.</summary>
    public int MountinfoLinesPerRead => Math.Max(1, MountinfoReadBytes / MountinfoLineBytes);

    public required double RcuGpExpeditedNs { get; init; }

    public required double RcuGpExpeditedPerBusyCpuNs { get; init; }

    public required double RwsemWakeupNs { get; init; }

    public required double RwsemHandoffNs { get; init; }

    public required int RwsemReaderBatch { get; init; }

    /// <summary>Typed parameters from values keyed as in <see cref="Definitions"/>.</summary>
    public static KernelParameters From(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double Get(string key) => values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"Missing kernel parameter '{key}'.", nameof(values));
        return new()
        {
            PathWalkNs = Get("path_walk"),
            RefWalkFactor = Get("ref_walk_factor"),
            PercpuSumPerCpuNs = Get("percpu_sum_per_cpu"),
            MntIdAllocNs = Get("mntid_alloc"),
            PcpuAllocHoldNs = Get("pcpu_alloc_hold"),
            MountinfoEventNs = Get("mountinfo_event"),
            MountinfoPerByteNs = Get("mountinfo_per_byte"),
            MountinfoLineBytes = (int)Get("mountinfo_line_bytes"),
            MountinfoLowerdirBytes = (int)Get("mountinfo_lowerdir_bytes"),
            MountinfoReadBytes = (int)Get("mountinfo_read_bytes"),
            RcuGpExpeditedNs = Get("rcu_gp_expedited"),
            RcuGpExpeditedPerBusyCpuNs = Get("rcu_gp_expedited_per_busy_cpu"),
            RwsemWakeupNs = Get("rwsem_wakeup"),
            RwsemHandoffNs = Get("rwsem_handoff"),
            RwsemReaderBatch = (int)Get("rwsem_reader_batch"),
        };
    }
}
