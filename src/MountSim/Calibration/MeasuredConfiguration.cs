namespace MountSim.Calibration;

/// <summary>
/// One harness configuration: <see cref="Threads"/> threads set up <see cref="Setups"/> root filesystems in
/// all with <see cref="Strategy"/>, each over <see cref="Layers"/> layers, and unmount each overlay again.
/// <see cref="PathWalkIdleUs"/>, when the harness's probes ran, is stat() through a mountpoint before the churn.
/// <see cref="Cpus"/>, when known, are the CPUs the worker threads were pinned to, in worker order.
/// With <see cref="Runtime"/> <c>runc</c> each setup is a whole container start (root, runc's phases,
/// teardown), its phases timed among the calls; in a <see cref="Burst"/> the threads start together,
/// unpinned, each start timed from the release. <see cref="MountinfoLines"/> is the table the starts saw.
/// </summary>
public sealed record MeasuredConfiguration(
    string Id,
    string Strategy,
    int Layers,
    int Threads,
    int Setups,
    bool Fit,
    LatencySummary SetupLatencyUs,
    IReadOnlyDictionary<string, LatencySummary> SyscallLatencyUs,
    LatencySummary? PathWalkIdleUs = null,
    IReadOnlyList<int>? Cpus = null,
    string Runtime = "none",
    bool Burst = false,
    int MountinfoLines = 0)
{
    /// <summary>Whether a container runtime ran on each root (the setup is then a whole container start).</summary>
    public bool HasRuntime => Runtime != "none";
}
