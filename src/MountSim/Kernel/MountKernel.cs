using MountSim.Engine;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;
using MountSim.Kernel.Execution;
using MountSim.Kernel.Loops;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;

namespace MountSim.Kernel;

/// <summary>
/// The simulated kernel of one host: its global mount objects (namespace_sem, mount_lock, the
/// mount id allocator's lock line, expedited RCU, the mount table), the background path walks
/// that read mount_lock's sequence, and the CPUs its threads run on. Costs come from the kernel
/// profile and the topology, nothing else.
/// </summary>
public sealed class MountKernel
{
    private readonly Dictionary<string, long> _syscalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Histogram> _callLatency = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Histogram> _phaseLatency = new(StringComparer.Ordinal);
    private readonly double[] _threadTime = new double[Enum.GetValues<ThreadActivity>().Length];
    private long _mountTableBytes;

    public MountKernel(
        Simulation simulation,
        Topology topology,
        KernelProfile profile,
        PathWalkParameters pathWalks,
        PathWalkMode pathWalkMode,
        double timeSliceNs,
        int baseMounts,
        MountLoopMode loopMode = MountLoopMode.PerMount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseMounts);
        BaseMounts = baseMounts;
        Simulation = simulation;
        Topology = topology;
        Profile = profile;
        var p = profile.Parameters;
        Scheduler = new CpuScheduler(simulation, topology, timeSliceNs);
        var walkDraws = simulation.Random.Stream("path-walks");
        PathWalks = pathWalkMode == PathWalkMode.PerLookup
            ? new PerLookupPathWalks(simulation, topology, pathWalks, walkDraws, timeSliceNs)
            : new ClosedFormPathWalks(topology, pathWalks, walkDraws, timeSliceNs);
        MountLock = new MountLock(simulation, topology, PathWalks);
        NamespaceSemaphore = new NamespaceSemaphore(
            simulation,
            topology,
            new RwSemaphoreParameters(p.RwsemWakeupNs, HandoffTimeoutNs: p.RwsemHandoffNs, MaxReadersWakeup: p.RwsemReaderBatch));
        GracePeriods = new ExpeditedGracePeriods(simulation, Scheduler, p.RcuGpExpeditedNs, p.RcuGpExpeditedPerBusyCpuNs, MountLock);
        MountIdLock = new ContendedLine(topology, "mnt_id_xa lock");
        PercpuAllocMutex = new PercpuAllocMutex(topology, p.PcpuAllocHoldNs);
        Detours = topology.Noise is { DetoursPerSecond: > 0 } noise ? new CpuDetours(noise, topology.Threads.Count, simulation.Random) : null;

        // The closed form settles its sections' lookups in bulk, which only the closed-form path walks can.
        Loops = loopMode == MountLoopMode.ClosedForm && PathWalks is ClosedFormPathWalks closedForm ? new MountLoops(this, closedForm) : null;
        MountLock.Loops = Loops;
    }

    public Simulation Simulation { get; }

    public Topology Topology { get; }

    public KernelProfile Profile { get; }

    public CpuScheduler Scheduler { get; }

    /// <summary>The host's noise as it lengthens work; null on a noiseless host.</summary>
    public CpuDetours? Detours { get; }

    public MountLock MountLock { get; }

    public NamespaceSemaphore NamespaceSemaphore { get; }

    public ExpeditedGracePeriods GracePeriods { get; }

    /// <summary>The line of the mount id allocator's spinlock, which every new struct mount takes.</summary>
    public ContendedLine MountIdLock { get; }

    /// <summary>The mutex every new mount's per-CPU counters are allocated under.</summary>
    public PercpuAllocMutex PercpuAllocMutex { get; }

    public IPathWalkModel PathWalks { get; }

    /// <summary>The loops over every mount run in closed form; null when they run round by round.</summary>
    public MountLoops? Loops { get; }

    /// <summary>Mounts the host had before the run (its own filesystems): the table's floor.</summary>
    public int BaseMounts { get; }

    /// <summary>Mounts the run added to the host table and has not removed.</summary>
    public long MountTableSize { get; private set; }

    /// <summary>Lines of /proc/self/mountinfo now: the host's own mounts and the run's.</summary>
    public long MountinfoLines => BaseMounts + MountTableSize;

    /// <summary>Bytes of /proc/self/mountinfo now: the host's own lines and the run's (an overlay's lists every lowerdir).</summary>
    public long MountinfoBytes => ((long)BaseMounts * Profile.Parameters.MountinfoLineBytes) + _mountTableBytes;

    /// <summary>mountinfo lines formatted again under the mount_lock spinlock because a write overtook them.</summary>
    public long MountinfoLineRetries { get; private set; }

    /// <summary>Mount-table events (touch_mnt_namespace), each of which wakes the pollers.</summary>
    public long MountEvents { get; private set; }

    /// <summary>
    /// Whether the runtime's directories are in a shared peer group (systemd makes / shared), so that a
    /// mount or umount there propagates into every namespace that is a slave of it.
    /// </summary>
    public bool RuntimeTreeShared { get; set; }

    /// <summary>Namespaces now receiving the runtime's tree's propagation: containers between runc's copy of the table and its detach of the old root.</summary>
    public int SlaveNamespaces { get; private set; }

    /// <summary>The host's own namespaces that are slaves of its root (systemd services'), which a shared tree's mounts reach too.</summary>
    public int ServiceNamespaces { get; set; }

    /// <summary>
    /// Mount namespaces a mount or umount on the runtime's directories is copied into (propagate_mnt,
    /// propagate_umount): the slave namespaces, the services' and the containers' in flight, when the
    /// tree is shared, else none.
    /// </summary>
    public int PropagationPeers => RuntimeTreeShared ? ServiceNamespaces + SlaveNamespaces : 0;

    /// <summary>Threads on the host now, every process's: the host's own and those the starts have added.</summary>
    public int HostThreads { get; set; }

    /// <summary>Whoever polls mountinfo; null when nobody does.</summary>
    public IMountEventListener? MountEventListener { get; set; }

    /// <summary>Mounts added to or removed from the host table to build root filesystems (the incident's count).</summary>
    public long MountTableOperations { get; private set; }

    /// <summary>Mounts removed when a pass undoes its temporary overlay, counted apart.</summary>
    public long TeardownMountTableOperations { get; private set; }

    /// <summary>Calls made, by syscall name.</summary>
    public IReadOnlyDictionary<string, long> Syscalls => _syscalls;

    /// <summary>
    /// Each finished call's latency by syscall name, in ns: from its start to the thread's next call or
    /// its end, waits for locks and the CPU included, as a harness times it from user space.
    /// </summary>
    public IReadOnlyDictionary<string, Histogram> CallLatency => _callLatency;

    /// <summary>Each finished runtime phase's latency by name, in ns (runc_create, ...): empty with no runtime.</summary>
    public IReadOnlyDictionary<string, Histogram> PhaseLatency => _phaseLatency;

    /// <summary>Time kernel threads spent in each <see cref="ThreadActivity"/>, in ns.</summary>
    public IReadOnlyList<double> ThreadTime => _threadTime;

    internal void OnMountEvent()
    {
        MountEvents++;
        MountEventListener?.OnMountEvent();
    }

    internal void CountLineRetries(int lines) => MountinfoLineRetries += lines;

    internal void CountSyscall(string name) => _syscalls[name] = _syscalls.GetValueOrDefault(name) + 1;

    internal void RecordCallLatency(string name, long ns) => Record(_callLatency, name, ns);

    internal void RecordPhaseLatency(string name, long ns) => Record(_phaseLatency, name, ns);

    private static void Record(Dictionary<string, Histogram> byName, string name, long ns)
    {
        if (!byName.TryGetValue(name, out var histogram))
        {
            byName[name] = histogram = new Histogram();
        }

        histogram.Record(ns);
    }

    internal void ChangeSlaveNamespaces(int delta) => SlaveNamespaces += delta;

    internal void ChangeMountTable(int delta, double bytes, bool teardown)
    {
        MountTableSize += delta;
        _mountTableBytes += (long)bytes;
        if (teardown)
        {
            TeardownMountTableOperations += Math.Abs(delta);
        }
        else
        {
            MountTableOperations += Math.Abs(delta);
        }
    }

    internal void Account(ThreadActivity state, long ns) => _threadTime[(int)state] += ns;
}
