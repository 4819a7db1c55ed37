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
public sealed record HarnessOptions(
    IReadOnlyList<MountStrategy> Strategies,
    int Layers,
    int Threads,
    string Placement,
    int? Iterations,
    TimeSpan? Duration,
    string Filesystem,
    int Probes,
    bool MountinfoReader)
{
    public const string Tmpfs = "tmpfs";

    // A run either counts setups or times them, never both or neither.
    public int? Iterations { get; init; } = (Iterations is null) == (Duration is null)
        ? throw new ArgumentException("Give iterations or a duration, not both or neither.", nameof(Iterations))
        : Iterations;

    /// <summary>The same run as <c>harness run</c> arguments, so the private-namespace child runs exactly what the parent checked.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "--strategy", string.Join(',', Strategies.Select(s => s.Name())),
        "--layers", Invariant(Layers),
        "--threads", Invariant(Threads),
        "--placement", Placement,
        // Whole nanoseconds, so the child reads back exactly this TimeSpan.
        .. Duration is { } duration
            ? (string[])["--duration", Invariant(duration.Ticks * 100) + "ns"]
            : ["--iterations", Invariant(Iterations.GetValueOrDefault())],
        "--filesystem", Filesystem,
        "--probes", Invariant(Probes),
        .. MountinfoReader ? (string[])["--mountinfo-reader"] : [],
    ];

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
