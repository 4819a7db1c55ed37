namespace MountSim.Calibration.Harness;

/// <summary>The options the run used.</summary>
/// <param name="Iterations">Setups per worker thread and strategy asked for; null when the run was timed by <paramref name="DurationS"/>.</param>
/// <param name="DurationS">Seconds per worker thread and strategy asked for; null when the run counted <paramref name="Iterations"/>.</param>
/// <param name="IdMap">The user namespace's uid/gid map line, e.g. <c>0 100000 65536</c>.</param>
/// <param name="Runtime">What ran on each root: <c>none</c> or <c>runc</c>.</param>
/// <param name="Burst">Whether the workers started together each round, unpinned.</param>
/// <param name="TableMounts">Extra mounts the private namespace was padded with.</param>
public sealed record HarnessSettings(
    IReadOnlyList<string> Strategies,
    int Layers,
    int Threads,
    string Placement,
    int? Iterations,
    double? DurationS,
    string Filesystem,
    int Probes,
    bool MountinfoReader,
    string IdMap,
    string Runtime = "none",
    bool Burst = false,
    int TableMounts = 0);
