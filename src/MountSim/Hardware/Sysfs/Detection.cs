namespace MountSim.Hardware.Sysfs;

/// <summary>
/// A detected host: its topology (usable CPUs only, unknown latencies as placeholders marked
/// calibrate) and what restricted the CPU set, in words.
/// </summary>
public sealed record Detection(Topology Topology, IReadOnlyList<int> UsableCpus, IReadOnlyList<string> Notes);
