using MountSim.Engine.Distributions;
using MountSim.Hardware;
using MountSim.Kernel.Loops;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;
using MountSim.Workload;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;
using MountSim.Yaml;

namespace MountSim.Experiments;

/// <summary>
/// One simulated situation: a host, a kernel, a burst of container starts with a mount strategy,
/// and the background load. Everything a run needs besides its seed.
/// </summary>
public sealed record Scenario
{
    public required Topology Topology { get; init; }

    public required KernelProfile Kernel { get; init; }

    public required MountStrategy Strategy { get; init; }

    /// <summary>The container runtime's own work around the strategy's passes; none (the kernel's mount work alone) unless given.</summary>
    public RuntimeProfile Runtime { get; init; } = RuntimeProfile.None;

    public required int Containers { get; init; }

    /// <summary>Layers per image, drawn for each container and rounded to a whole number of at least 1.</summary>
    public required Distribution Layers { get; init; }

    /// <summary>When the starts arrive; a burst at time zero by default.</summary>
    public ArrivalPattern Arrivals { get; init; } = ArrivalPattern.Burst;

    /// <summary>Container starts in flight at once (the runtime's limit); the burst size when unlimited.</summary>
    public int? Concurrency { get; init; }

    public PlacementPolicy Placement { get; init; } = PlacementPolicy.Spread;

    /// <summary>A start slower than this fails: the kubelet and health-check timeout of the incident (../shared/reference/incident.md 2.3).</summary>
    public double DeadlineNs { get; init; } = 30e9;

    /// <summary>
    /// Background lookups. The default rate, 20,000 per second per CPU, is an assumption for a busy
    /// container host (calibrate); walk cost and ref-walk factor come from the kernel profile.
    /// </summary>
    public double PathWalksPerCpuPerSecond { get; init; } = DefaultPathWalksPerCpuPerSecond;

    /// <summary>The assumed background lookup rate of <see cref="PathWalksPerCpuPerSecond"/>.</summary>
    public const double DefaultPathWalksPerCpuPerSecond = 20_000;

    /// <summary>Background lookups in closed form (any size) or one event each (small cases, checks).</summary>
    public PathWalkMode PathWalkMode { get; init; } = PathWalkMode.ClosedForm;

    /// <summary>
    /// The kernel's loops over every mount of the table (copy_tree, the detached tree's final mntputs) in closed
    /// form, a few events per loop, or round by round (checks). With per-lookup path walks they run round by round.
    /// </summary>
    public MountLoopMode MountLoops { get; init; } = DefaultMountLoops;

    /// <summary>How the kernel's per-mount loops run when a scenario does not say.</summary>
    public const MountLoopMode DefaultMountLoops = MountLoopMode.PerMount;

    /// <summary>
    /// Pollers of /proc/self/mountinfo that re-read the whole table on every mount event; 1 stands
    /// for systemd (PID 1), whose mount-event processing the incident saw (../shared/reference/incident.md 2.3).
    /// </summary>
    public int MountinfoWatchers { get; init; } = 1;

    /// <summary>How often each watcher may re-read the table; systemd's 5 reads a second by default.</summary>
    public WatcherRateLimit MountinfoWatcherRateLimit { get; init; } = WatcherRateLimit.Systemd;

    /// <summary>
    /// Whether the runtime's directories are in a shared peer group (systemd makes / shared; check with
    /// <c>findmnt -o TARGET,PROPAGATION</c>, ../shared/reference/kernel-mount-locks.md 5.7), so that every mount and umount
    /// there is copied into each namespace that is a slave of it: the containers in flight between runc's
    /// copy of the table and its detach of the old root (propagate_mnt, propagate_umount). Private by
    /// default, as the shipped recipes were measured.
    /// </summary>
    public bool PropagatesToContainers { get; init; }

    /// <summary>
    /// The host's own mount namespaces that are slaves of its root, such as systemd services run with
    /// ProtectSystem, PrivateTmp or PrivateMounts: with a shared tree each mount there is copied into each
    /// of them too. None by default; calibrate with <c>lsns -t mnt</c> (the development guest has none).
    /// </summary>
    public int ServiceNamespaces { get; init; }

    /// <summary>
    /// Whether a start's thread that wakes to find its CPU busy runs on an idle hardware thread of the
    /// same LLC domain instead (select_idle_sibling), and an idle CPU takes a thread waiting on another
    /// of its domain (newidle balancing), within the placement's CPUs, as Linux's scheduler does. Off: each
    /// thread stays on the hardware thread its placement gave it (the model before 2026-12, for comparison).
    /// </summary>
    public bool WakeBalance { get; init; } = true;

    /// <summary>Periodic health checks, whose failures count apart from the starts'.</summary>
    public HealthProbeSettings HealthProbes { get; init; } = new();

    /// <summary>The host's mounts before a burst when a scenario does not say: a systemd host's /proc, /sys, cgroups, runtime dirs.</summary>
    public const int DefaultBaseMounts = 40;

    /// <summary>The host's own mounts before the burst: a typical systemd host has a few dozen [INF]; calibrate with <c>wc -l /proc/self/mountinfo</c>.</summary>
    public int BaseMounts { get; init; } = DefaultBaseMounts;

    /// <summary>
    /// Threads on the host before the burst when a scenario does not say: 1,000 for a 96-CPU Kubernetes
    /// node [INF]: about 6 per-CPU kernel threads (cpuhp, migration, ksoftirqd and 2-3 kworkers per CPU,
    /// counted with <c>ps -eo comm</c> on the development guest), some 50 global kernel threads, and about
    /// 300 threads of systemd, kubelet and containerd; calibrate with <c>ps -eLf | wc -l</c>.
    /// </summary>
    public const int DefaultHostThreads = 1_000;

    /// <summary>
    /// Threads a container start adds when a scenario does not say: its containerd-shim-runc-v2, a Go
    /// program of about 10 threads once it runs, and the container's init [INF]; calibrate with
    /// <c>ls /proc/$(pidof containerd-shim-runc-v2)/task | wc -l</c>.
    /// </summary>
    public const int DefaultContainerThreads = 12;

    /// <summary>Threads on the host before the burst, every process's: pivot_root's chroot_fs_refs walks each.</summary>
    public int HostThreads { get; init; } = DefaultHostThreads;

    /// <summary>Threads each container start adds to the host and keeps (its shim and its processes).</summary>
    public int ContainerThreads { get; init; } = DefaultContainerThreads;

    /// <summary>The scheduler's time slice: EEVDF's 3 ms base slice (Linux 6.6+, sysctl_sched_base_slice) [REC].</summary>
    public double TimeSliceNs { get; init; } = 3e6;

    /// <summary>Container starts one scenario may ask for: a million is far past any host's burst.</summary>
    public const int MaxContainers = 1_000_000;

    /// <summary>Mounts in a table (or namespaces): fs.mount-max's default, 100,000 mounts per namespace (fs/namespace.c sysctl_mount_max).</summary>
    public const int MaxMounts = 100_000;

    /// <summary>Threads on a host: PID_MAX_LIMIT, 4,194,304 on 64-bit (include/linux/threads.h).</summary>
    public const int MaxThreads = 4 * 1024 * 1024;

    /// <summary>Watchers or health probes: thousands would be a host of nothing else.</summary>
    public const int MaxWatchers = 10_000;

    /// <summary>Lookups per CPU per second: one a nanosecond is more than a CPU can do.</summary>
    public const double MaxPathWalksPerCpuPerSecond = 1e9;

    /// <summary>
    /// What is wrong with this scenario, each as "field: problem; expected ...": empty when it can
    /// run. Checked before anything runs, so a bad value never surfaces as a crash mid-run.
    /// </summary>
    public IEnumerable<string> Problems()
    {
        if (Containers is < 1 or > MaxContainers)
        {
            yield return $"containers: {Containers}; expected 1 to {MaxContainers:N0}";
        }

        if (Concurrency is < 1 or > MaxContainers)
        {
            yield return $"concurrency: {Concurrency}; expected 1 to {MaxContainers:N0} starts in flight";
        }

        if (!(Layers.Mean >= 1))
        {
            yield return $"layers: {Layers} has mean {Layers.Mean}; expected at least 1 layer per image";
        }
        else if (!(Layers.Mean <= ContainerStarts.MaxLayers))
        {
            yield return $"layers: {Layers} has mean {Layers.Mean}; an overlay takes at most {ContainerStarts.MaxLayers} lower layers (OVL_MAX_STACK)";
        }

        if (!(PathWalksPerCpuPerSecond is >= 0 and <= MaxPathWalksPerCpuPerSecond))
        {
            yield return $"path walks: {PathWalksPerCpuPerSecond} per second per CPU; expected 0 to {MaxPathWalksPerCpuPerSecond:N0}";
        }

        if (MountinfoWatchers is < 0 or > MaxWatchers)
        {
            yield return $"watchers: {MountinfoWatchers}; expected 0 to {MaxWatchers:N0}";
        }

        if (BaseMounts is < 0 or > MaxMounts)
        {
            yield return $"base mounts: {BaseMounts}; expected 0 to {MaxMounts:N0}";
        }

        if (ServiceNamespaces is < 0 or > MaxMounts)
        {
            yield return $"service namespaces: {ServiceNamespaces}; expected 0 to {MaxMounts:N0}";
        }

        if (HostThreads is < 0 or > MaxThreads)
        {
            yield return $"host threads: {HostThreads}; expected 0 to {MaxThreads:N0}";
        }

        if (ContainerThreads is < 0 or > MaxThreads)
        {
            yield return $"container threads: {ContainerThreads}; expected 0 to {MaxThreads:N0}";
        }

        if (!(DeadlineNs > 0))
        {
            yield return $"deadline: {DeadlineNs} ns; expected a duration > 0";
        }

        if (HealthProbes.Probes < 0 || HealthProbes.PathWalks < 0 || !(HealthProbes.IntervalNs > 0) || !(HealthProbes.TimeoutNs > 0))
        {
            yield return $"health probes: {HealthProbes}; expected counts >= 0 and an interval and timeout > 0";
        }

        string? placementProblem = null;
        try
        {
            Placement.Order(Topology);
        }
        catch (ArgumentException e)
        {
            placementProblem = $"placement: {Placement.Name}: {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}";
        }

        if (placementProblem is not null)
        {
            yield return placementProblem;
        }
    }

    /// <summary>
    /// The scenario's own assumptions that carry a range (<see cref="ScenarioFigures"/>), as the file that uses
    /// them gives it in its scenario's <c>sources:</c>; none unless given.
    /// </summary>
    public IReadOnlyList<UncertainFigure> Assumptions { get; init; } = [];

    /// <summary>
    /// Every figure this scenario depends on that carries a range: its topology's, its kernel profile's, its
    /// runtime's (an included runtime's too) and its own assumptions', in that order, each with the value in force.
    /// </summary>
    public IReadOnlyList<UncertainFigure> UncertainFigures => [.. Topology.UncertainFigures, .. Kernel.UncertainFigures, .. Runtime.UncertainFigures, .. Assumptions];

    /// <summary>
    /// The same scenario with the given figures set to other values inside their ranges and nothing else
    /// changed (names included): what a study of the model's sensitivity to these figures runs. Each part is
    /// rebuilt once, whatever the number of figures, with every check its constructors make; the strategy and
    /// runtime need no new reading, since a figure changes a cost, never a recipe's name or steps.
    /// </summary>
    /// <exception cref="ArgumentException">A figure is not one of <see cref="UncertainFigures"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its figure's range, not a whole number where one is needed, or breaks a rule between figures (pcpu_alloc_hold within mntid_alloc).</exception>
    public Scenario WithFigures(IReadOnlyDictionary<FigureId, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Dictionary<string, double> Of(FigureHome home) => values.Where(v => v.Key.Home == home).ToDictionary(v => v.Key.Key, v => v.Value, StringComparer.Ordinal);
        var topology = Of(FigureHome.Topology);
        var kernel = Of(FigureHome.KernelProfile);
        var runtime = Of(FigureHome.RuntimeProfile);
        var scenario = this with
        {
            Topology = topology.Count > 0 ? Topology.WithFigures(topology) : Topology,
            Kernel = kernel.Count > 0 ? Kernel.WithFigures(kernel) : Kernel,
            Runtime = runtime.Count > 0 ? Runtime.WithFigures(runtime) : Runtime,
        };
        var assumptions = Assumptions.ToList();
        foreach (var (key, value) in Of(FigureHome.Scenario).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var i = assumptions.FindIndex(f => f.Key == key);
            if (i < 0)
            {
                throw new ArgumentException($"'{key}' is not an uncertain figure of this scenario (assumptions with a range: {string.Join(", ", assumptions.Select(f => f.Key))}).", nameof(values));
            }

            assumptions[i] = assumptions[i].WithNominal(value);
            scenario = ScenarioFigures.With(scenario, key, value);
        }

        return scenario with { Assumptions = assumptions };
    }

    public PathWalkParameters PathWalks => new(
        PathWalksPerCpuPerSecond,
        Kernel.Parameters.PathWalkNs,
        (Kernel.Parameters.RefWalkFactor - 1) * Kernel.Parameters.PathWalkNs);
}
