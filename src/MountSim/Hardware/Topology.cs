using System.Globalization;
using MountSim.Yaml;

namespace MountSim.Hardware;

/// <summary>
/// An immutable host: sockets &gt; LLC domains &gt; cores &gt; hardware threads, with a flat
/// distance-class table and transfer-latency table precomputed over all pairs of hardware
/// threads, so the simulator's per-access cost lookup is one array read.
/// Threads are addressed by <see cref="HardwareThread.Index"/> (tree order).
/// </summary>
public sealed class Topology
{
    private readonly DistanceClass[] _classes;
    private readonly double[] _transferNs;
    private readonly int[] _socketOf;
    private readonly int _n;
    private readonly Dictionary<int, int> _indexOfCpu;

    /// <exception cref="ArgumentException">The spec breaks an invariant (empty level, duplicate CPU, a missing latency class, ...).</exception>
    public Topology(TopologySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = Frozen(spec);
        (Sockets, LlcDomains, Cores, Threads) = BuildTree(Spec.Sockets);
        _indexOfCpu = Threads.ToDictionary(t => t.OsCpu, t => t.Index);
        NumaNodes = [.. LlcDomains.Select(l => l.NumaNode).Distinct().Order()];
        NrPossibleCpus = spec.NrPossibleCpus ?? Threads.Count;
        Validate(spec);

        var n = _n = Threads.Count;
        _socketOf = [.. Threads.Select(t => t.SocketIndex)];
        _classes = new DistanceClass[n * n];
        _transferNs = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                var distance = Classify(Threads[a], Threads[b]);
                _classes[(a * n) + b] = distance;
                _transferNs[(a * n) + b] = distance == DistanceClass.Self
                    ? 0
                    : spec.Matrix?[Threads[a].OsCpu, Threads[b].OsCpu] ?? spec.Latencies.For(distance)!.Value;
            }
        }
    }

    public TopologySpec Spec { get; }

    public string Name => Spec.Name;

    public string? Cpu => Spec.Cpu;

    public IReadOnlyList<Socket> Sockets { get; }

    public IReadOnlyList<LlcDomain> LlcDomains { get; }

    public IReadOnlyList<Core> Cores { get; }

    public IReadOnlyList<HardwareThread> Threads { get; }

    /// <summary>The NUMA node numbers present, ascending.</summary>
    public IReadOnlyList<int> NumaNodes { get; }

    public LatencyTable Latencies => Spec.Latencies;

    public CoherenceArbitration Coherence => Spec.Coherence;

    public double SmtSlowdown => Spec.SmtSlowdown;

    /// <summary>Detours of running CPUs by the OS and hypervisor; null when the host is taken as noiseless.</summary>
    public HostNoise? Noise => Spec.Noise;

    public int NrPossibleCpus { get; }

    public decimal? PricePerHour => Spec.PricePerHour;

    public IReadOnlyDictionary<string, string> Sources => Spec.Sources;

    /// <summary>The figures whose source gives a range, with the value in force.</summary>
    public IReadOnlyList<UncertainFigure> UncertainFigures => Spec.UncertainFigures;

    public int MaxThreadsPerCore => Cores.Max(c => c.Threads.Count);

    public bool HasSmt => MaxThreadsPerCore > 1;

    /// <summary>How far apart threads <paramref name="a"/> and <paramref name="b"/> sit in the tree.</summary>
    public DistanceClass DistanceBetween(int a, int b) => _classes[(a * _n) + b];

    /// <summary>One-way transfer of a line held modified by thread <paramref name="from"/> to thread <paramref name="to"/>, in ns.</summary>
    public double TransferNs(int from, int to) => _transferNs[(from * _n) + to];

    /// <summary>
    /// As <see cref="TransferNs(int,int)"/>, plus <see cref="LatencyTable.FarHomeExtraNs"/> when the
    /// transfer crosses sockets and the line is homed on a socket other than the holder's.
    /// </summary>
    public double TransferNs(int from, int to, int homeSocket)
    {
        var i = (from * _n) + to;
        return _classes[i] == DistanceClass.CrossSocket && homeSocket != _socketOf[from]
            ? _transferNs[i] + Spec.Latencies.FarHomeExtraNs
            : _transferNs[i];
    }

    /// <summary>The tree index of OS cpu <paramref name="osCpu"/>.</summary>
    /// <exception cref="ArgumentException">This topology has no such CPU.</exception>
    public int IndexOfCpu(int osCpu) => _indexOfCpu.TryGetValue(osCpu, out var index)
        ? index
        : throw new ArgumentException($"CPU {osCpu} is not in topology '{Name}' (CPUs {CpuList.Format(_indexOfCpu.Keys)}).", nameof(osCpu));

    /// <summary>How many ordered pairs of distinct threads fall into each class.</summary>
    public long PairCount(DistanceClass distance) => _classes.LongCount(c => c == distance);

    /// <summary>The classes some pair of distinct threads falls into, found from the tree without the n^2 table.</summary>
    public IEnumerable<DistanceClass> ExistingClasses()
    {
        if (HasSmt)
        {
            yield return DistanceClass.SmtSibling;
        }

        if (LlcDomains.Any(l => l.Cores.Count > 1))
        {
            yield return DistanceClass.SameLlc;
        }

        if (Sockets.Any(s => s.LlcDomains.Count > 1))
        {
            yield return DistanceClass.SameSocket;
        }

        if (Sockets.Count > 1)
        {
            yield return DistanceClass.CrossSocket;
        }
    }

    /// <summary>Whether a figure (e.g. <c>latency.same_llc</c>) is a placeholder waiting for calibration.</summary>
    public bool NeedsCalibration(string figure) =>
        SourceOf(figure) is { } source && source.StartsWith("calibrate", StringComparison.OrdinalIgnoreCase);

    /// <summary>The citation for a figure: its own entry, else the nearest enclosing section's.</summary>
    public string? SourceOf(string figure)
    {
        for (var key = figure; ; key = key[..key.LastIndexOf('.')])
        {
            if (Sources.TryGetValue(key, out var source))
            {
                return source;
            }

            if (!key.Contains('.', StringComparison.Ordinal))
            {
                return null;
            }
        }
    }

    /// <summary>This host with another <see cref="SmtSlowdown"/> (a calibrated one), citing <paramref name="source"/> for it.</summary>
    public Topology WithSmtSlowdown(double factor, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sources = new Dictionary<string, string>(Spec.Sources, StringComparer.Ordinal) { ["smt_slowdown"] = source };

        // A calibrated figure is no longer the placeholder the range was given for.
        return new Topology(Spec with { SmtSlowdown = factor, Sources = sources, UncertainFigures = [.. UncertainFigures.Where(f => f.Key != "smt_slowdown")] });
    }

    /// <summary>This host with measured noise (or none), citing <paramref name="source"/> for it.</summary>
    public Topology WithNoise(HostNoise? noise, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sources = new Dictionary<string, string>(Spec.Sources, StringComparer.Ordinal) { ["noise"] = source };
        return new Topology(Spec with { Noise = noise, Sources = sources });
    }

    /// <summary>
    /// This host with some of its uncertain figures set to other values inside their ranges and nothing else
    /// changed, its name included: what a study of the model's sensitivity to them runs. Keys are those of
    /// <see cref="UncertainFigures"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not one of this host's uncertain figures.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its figure's range.</exception>
    public Topology WithFigures(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var figures = UncertainFigures.ToList();
        var spec = Spec;
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var i = figures.FindIndex(f => f.Key == key);
            if (i < 0)
            {
                throw new ArgumentException($"'{key}' is not an uncertain figure of topology '{Name}' (those with a range: {string.Join(", ", figures.Select(f => f.Key))}).", nameof(values));
            }

            figures[i] = figures[i].WithNominal(value);
            spec = key switch
            {
                "smt_slowdown" => spec with { SmtSlowdown = value },
                "nr_possible_cpus" => spec with { NrPossibleCpus = (int)value },
                "price_per_hour" => spec with { PricePerHour = (decimal)value },
                "latency.smt_sibling" => spec with { Latencies = spec.Latencies with { SmtSiblingNs = value } },
                "latency.same_llc" => spec with { Latencies = spec.Latencies with { SameLlcNs = value } },
                "latency.same_socket" => spec with { Latencies = spec.Latencies with { SameSocketNs = value } },
                "latency.cross_socket" => spec with { Latencies = spec.Latencies with { CrossSocketNs = value } },
                "latency.far_home_extra" => spec with { Latencies = spec.Latencies with { FarHomeExtraNs = value } },
                "coherence.home_service" => spec with { Coherence = CoherenceArbitration.Centralized(value) },
                "coherence.local_service" => spec with { Coherence = spec.Coherence with { LocalServiceNs = value } },
                "coherence.directory_service" => spec with { Coherence = spec.Coherence with { HomeServiceNs = value } },
                _ => throw new ArgumentException($"'{key}' is not a figure of a topology that can be set.", nameof(values)),
            };
        }

        return new Topology(spec with { UncertainFigures = figures });
    }

    /// <summary>A variant of this host (<c>smt: off</c>, <c>sockets: 1</c>), derived rather than copied.</summary>
    public Topology With(TopologyOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides.Apply(this);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}: {Sockets.Count} sockets, {LlcDomains.Count} LLC domains, {Cores.Count} cores, {Threads.Count} threads");

    private static DistanceClass Classify(HardwareThread a, HardwareThread b) =>
        a.Index == b.Index ? DistanceClass.Self
        : a.CoreIndex == b.CoreIndex ? DistanceClass.SmtSibling
        : a.LlcIndex == b.LlcIndex ? DistanceClass.SameLlc
        : a.SocketIndex == b.SocketIndex ? DistanceClass.SameSocket
        : DistanceClass.CrossSocket;

    /// <summary>A copy of the spec's collections that no caller holds, so the topology cannot change after it is built.</summary>
    private static TopologySpec Frozen(TopologySpec spec) => spec with
    {
        Sockets = spec.Sockets.Select(s => new SocketLayout(s.LlcDomains
            .Select(l => new LlcDomainLayout(l.NumaNode, l.Cores.Select(c => (IReadOnlyList<int>)c.ToList().AsReadOnly()).ToList().AsReadOnly()))
            .ToList().AsReadOnly())).ToList().AsReadOnly(),
        NumaDistances = spec.NumaDistances?.Select(row => (IReadOnlyList<int>)row.ToList().AsReadOnly()).ToList().AsReadOnly(),
        Sources = new Dictionary<string, string>(spec.Sources, StringComparer.Ordinal).AsReadOnly(),
        UncertainFigures = spec.UncertainFigures.ToList().AsReadOnly(),
    };

    private static (IReadOnlyList<Socket>, IReadOnlyList<LlcDomain>, IReadOnlyList<Core>, IReadOnlyList<HardwareThread>) BuildTree(IReadOnlyList<SocketLayout> layout)
    {
        if (layout.Count == 0)
        {
            throw new ArgumentException("A topology needs at least one socket.");
        }

        var sockets = new List<Socket>();
        var llcs = new List<LlcDomain>();
        var cores = new List<Core>();
        var threads = new List<HardwareThread>();
        var seen = new HashSet<int>();
        for (var s = 0; s < layout.Count; s++)
        {
            if (layout[s].LlcDomains.Count == 0)
            {
                throw new ArgumentException($"Socket {s} has no LLC domain.");
            }

            var socketLlcs = new List<LlcDomain>();
            foreach (var llcLayout in layout[s].LlcDomains)
            {
                if (llcLayout.Cores.Count == 0)
                {
                    throw new ArgumentException($"LLC domain {llcs.Count} (socket {s}) has no core.");
                }

                var llcIndex = llcs.Count;
                var llcCores = new List<Core>();
                foreach (var cpus in llcLayout.Cores)
                {
                    if (cpus.Count == 0)
                    {
                        throw new ArgumentException($"Core {cores.Count} (socket {s}) has no hardware thread.");
                    }

                    var coreThreads = new List<HardwareThread>();
                    foreach (var cpu in cpus.Order())
                    {
                        if (cpu < 0 || !seen.Add(cpu))
                        {
                            throw new ArgumentException(cpu < 0 ? $"CPU number {cpu} is negative." : $"CPU {cpu} appears more than once.");
                        }

                        var thread = new HardwareThread(threads.Count, cpu, cores.Count, llcIndex, s, llcLayout.NumaNode, coreThreads.Count);
                        threads.Add(thread);
                        coreThreads.Add(thread);
                    }

                    var core = new Core(cores.Count, llcIndex, s, coreThreads.AsReadOnly());
                    cores.Add(core);
                    llcCores.Add(core);
                }

                var llc = new LlcDomain(llcIndex, s, llcLayout.NumaNode, llcCores.AsReadOnly());
                llcs.Add(llc);
                socketLlcs.Add(llc);
            }

            sockets.Add(new Socket(s, socketLlcs.AsReadOnly()));
        }

        return (sockets.AsReadOnly(), llcs.AsReadOnly(), cores.AsReadOnly(), threads.AsReadOnly());
    }

    private void Validate(TopologySpec spec)
    {
        foreach (var distance in ExistingClasses())
        {
            if (spec.Latencies.For(distance) is not { } ns)
            {
                if (spec.Matrix is null)
                {
                    throw new ArgumentException($"Topology '{Name}' has {distance} pairs but no latency.{LatencyTable.KeyOf(distance)}.");
                }
            }
            else if (ns < 0)
            {
                throw new ArgumentException($"latency.{LatencyTable.KeyOf(distance)} is negative ({ns.ToString(CultureInfo.InvariantCulture)} ns).");
            }
        }

        if (spec.Matrix is { } matrix && Threads.FirstOrDefault(t => !matrix.Covers(t.OsCpu)) is { } uncovered)
        {
            throw new ArgumentException($"The latency matrix has no row for CPU {uncovered.OsCpu}.");
        }

        if (spec.SmtSlowdown < 1)
        {
            throw new ArgumentException($"smt_slowdown must be at least 1, not {spec.SmtSlowdown.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (NrPossibleCpus < Threads.Count)
        {
            throw new ArgumentException($"nr_possible_cpus ({NrPossibleCpus}) is less than the {Threads.Count} hardware threads.");
        }

        if (spec.NumaDistances is { } distances && (distances.Count != NumaNodes.Count || distances.Any(row => row.Count != NumaNodes.Count)))
        {
            throw new ArgumentException($"numa_distances must be {NumaNodes.Count} x {NumaNodes.Count}, one row per NUMA node.");
        }
    }
}
