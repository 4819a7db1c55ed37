namespace MountSim.Calibration;

/// <summary>
/// One harness configuration: <see cref="Threads"/> threads set up <see cref="Setups"/> root filesystems in
/// all with <see cref="Strategy"/>, each over <see cref="Layers"/> layers, and unmount each overlay again.
/// <see cref="PathWalkIdleUs"/>, when the harness's probes ran, is stat() through a mountpoint before the churn.
/// <see cref="Cpus"/>, when known, are the CPUs the worker threads were pinned to, in worker order.
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
    IReadOnlyList<int>? Cpus = null);
