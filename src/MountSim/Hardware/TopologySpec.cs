using MountSim.Yaml;

namespace MountSim.Hardware;

/// <summary>
/// Everything a <see cref="Topology"/> is built from, as loaded (YAML, sysfs) or derived (a variant).
/// Plain data: <see cref="Topology"/> validates it and precomputes its tables.
/// </summary>
public sealed record TopologySpec
{
    public required string Name { get; init; }

    /// <summary>The CPU model, e.g. "Intel Xeon Platinum 8259CL (Cascade Lake)".</summary>
    public string? Cpu { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<SocketLayout> Sockets { get; init; }

    /// <summary>Set when <see cref="Sockets"/> was generated from counts; lets writers keep files short.</summary>
    public RegularLayout? Regular { get; init; }

    public required LatencyTable Latencies { get; init; }

    public PairLatencyMatrix? Matrix { get; init; }

    public required CoherenceArbitration Coherence { get; init; }

    /// <summary>How much slower a thread runs while its SMT sibling is busy (1 = not at all).</summary>
    public double SmtSlowdown { get; init; } = 1;

    /// <summary>The host's OS and hypervisor noise; null for none (work runs undisturbed).</summary>
    public HostNoise? Noise { get; init; }

    /// <summary>Drives the kernel's O(nr_possible_cpus) per-CPU sums; null means the number of hardware threads.</summary>
    public int? NrPossibleCpus { get; init; }

    /// <summary>On-demand price of the whole host in USD, when known.</summary>
    public decimal? PricePerHour { get; init; }

    /// <summary>NUMA distances (ACPI SLIT, 10 = local), rows and columns in ascending NUMA node order.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? NumaDistances { get; init; }

    /// <summary>Citation per figure, keyed by its path (<c>latency.same_llc</c>) or a section (<c>layout</c>); "calibrate..." where no public number exists.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The figures whose source gives a range (<c>smt_slowdown</c>, <c>latency.same_llc</c>), in the order of the sources.</summary>
    public IReadOnlyList<UncertainFigure> UncertainFigures { get; init; } = [];
}
