namespace MountSim.Calibration.Harness;

/// <summary>The options the run used.</summary>
/// <param name="IdMap">The user namespace's uid/gid map line, e.g. <c>0 100000 65536</c>.</param>
public sealed record HarnessSettings(
    IReadOnlyList<string> Strategies,
    int Layers,
    int Threads,
    string Placement,
    int Iterations,
    string Filesystem,
    int Probes,
    bool MountinfoReader,
    string IdMap);
