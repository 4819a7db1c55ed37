using System.Globalization;

namespace MountSim.Calibration.Harness;

/// <summary>One harness run as the user asked for it.</summary>
/// <param name="Strategies">Run in this order, each on a fresh set of targets.</param>
/// <param name="Placement">A placement name (<c>spread</c>, <c>pack</c>, ... or <c>cpus:LIST</c>) that pins the worker threads.</param>
/// <param name="Iterations">Container setups per worker thread and strategy; null when <paramref name="Duration"/> is set.</param>
/// <param name="Duration">How long each worker thread keeps setting up containers per strategy; null when <paramref name="Iterations"/> is set.</param>
/// <param name="Filesystem"><see cref="Tmpfs"/>, or a directory whose filesystem holds the layers.</param>
/// <param name="Probes">Threads timing stat() through a mountpoint.</param>
/// <param name="MountinfoReader">Whether a thread re-reads mountinfo during the churn.</param>
/// <param name="Runtime">What runs on each container root once it is mounted.</param>
/// <param name="Burst">Whether the workers (<paramref name="Threads"/> of them, unpinned) start together, one start each per round of <paramref name="Iterations"/>, each start timed from the round's release.</param>
/// <param name="TableMounts">Extra mounts in the private namespace before anything is timed.</param>
public sealed record HarnessOptions(
    IReadOnlyList<HarnessStrategy> Strategies,
    int Layers,
    int Threads,
    string Placement,
    int? Iterations,
    TimeSpan? Duration,
    string Filesystem,
    int Probes,
    bool MountinfoReader,
    ContainerRuntime Runtime = ContainerRuntime.None,
    bool Burst = false,
    int TableMounts = 0)
{
    public const string Tmpfs = "tmpfs";

    /// <summary>
    /// Path-walk probes when the user does not say: one for the kernel's work alone; none with a container
    /// runtime or in a burst, where a probe's CPU (it spins, stat after stat) would be taken from the starts
    /// being timed: on the 2-vCPU development guest it doubled the busy CPU per runc start.
    /// </summary>
    public static int DefaultProbes(ContainerRuntime runtime, bool burst) => runtime == ContainerRuntime.None && !burst ? 1 : 0;

    /// <summary>The most lower layers one overlay takes (OVL_MAX_STACK in fs/overlayfs/params.h); the model's ContainerStarts.MaxLayers is the same limit (a test keeps them equal).</summary>
    public const int MaxLayers = 500;

    /// <summary>The most mounts the harness pads a namespace with: far past any host's table, well below the kernel's mount_max (100,000).</summary>
    public const int MaxTableMounts = 50_000;

    // A run either counts setups or times them, never both or neither.
    public int? Iterations { get; init; } = (Iterations is null) == (Duration is null)
        ? throw new ArgumentException("Give iterations or a duration, not both or neither.", nameof(Iterations))
        : Iterations;

    /// <summary>The same run as <c>harness run</c> arguments, so the private-namespace child runs exactly what the parent checked.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "--strategy", string.Join(',', Strategies.Select(s => s.Name())),
        "--layers", Invariant(Layers),
        .. Burst ? (string[])["--burst", Invariant(Threads)] : ["--threads", Invariant(Threads), "--placement", Placement],
        // Whole nanoseconds, so the child reads back exactly this TimeSpan.
        .. Duration is { } duration
            ? (string[])["--duration", Invariant(duration.Ticks * 100) + "ns"]
            : ["--iterations", Invariant(Iterations.GetValueOrDefault())],
        "--filesystem", Filesystem,
        "--probes", Invariant(Probes),
        .. MountinfoReader ? (string[])["--mountinfo-reader"] : [],
        "--runtime", Runtime.Name(),
        "--table-mounts", Invariant(TableMounts),
    ];

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
