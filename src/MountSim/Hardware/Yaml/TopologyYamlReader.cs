using System.Globalization;
using MountSim.Text;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Hardware.Yaml;

/// <summary>
/// Reads a topology file (schema in topologies/README.md). Everything is checked with the
/// position of the offending node, and every figure must name its source.
/// </summary>
public static class TopologyYamlReader
{
    /// <summary>The most CPUs a topology may have: NR_CPUS's largest setting, 8,192 (x86 CONFIG_MAXSMP).</summary>
    public const int MaxCpus = 8192;

    /// <summary>A busy SMT sibling slows a thread by tens of percent; 4x would make SMT a loss on every load.</summary>
    private const double MaxSmtSlowdown = 4;

    /// <summary>The dearest cloud instance is some hundreds of dollars an hour.</summary>
    private const double MaxPricePerHour = 1000;

    /// <summary>A CPU taken from the work a million times a second would do nothing else.</summary>
    private const double MaxDetoursPerSecond = 1e6;

    private static readonly string[] RootKeys =
        ["name", "cpu", "description", "layout", "sockets", "latency", "coherence", "smt_slowdown", "noise", "nr_possible_cpus", "price_per_hour", "numa_distances", "sources"];

    private static readonly string[] LayoutKeys =
        ["sockets", "numa_nodes_per_socket", "llc_domains_per_socket", "cores_per_llc_domain", "threads_per_core", "cpu_numbering", "cpus"];

    private static readonly string[] LatencyKeys = ["smt_sibling", "same_llc", "same_socket", "cross_socket", "far_home_extra", "matrix"];

    private static readonly string[] CoherenceKeys = ["arbitration", "home_service", "local_service", "directory_service"];

    private static readonly string[] NoiseKeys = ["detours_per_second", "detour"];

    private static readonly string[] NumberingNames = ["smt-last", "smt-adjacent"];

    /// <summary>What a range for a transfer latency or an arbiter's service time may span: a transfer always takes time.</summary>
    private static readonly FigureDomain Transfer = new(FigureUnit.Duration, 0, YamlSource.MaxDurationNs, AboveMinimum: true);

    /// <summary>What a range for an extra that may be absent (far_home_extra) may span.</summary>
    private static readonly FigureDomain AnyDuration = new(FigureUnit.Duration, 0, YamlSource.MaxDurationNs);

    /// <exception cref="TopologyFileException">The file cannot be read or is not a valid topology.</exception>
    public static Topology Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(NewSource(path).ReadAllText(), path);
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="file">The name errors report.</param>
    /// <exception cref="TopologyFileException">The text is not a valid topology.</exception>
    public static Topology Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var source = NewSource(file);
        return new Reading(source).Read(source.ParseRoot(yaml, "a topology (name:, layout:, latency:, ...)"));
    }

    internal static YamlSource NewSource(string file) =>
        new(file, (f, line, column, field, problem, inner) => new TopologyFileException(f, line, column, field, problem, inner));

    /// <summary>One file being read: the figures seen so far, so that sources can be checked against them.</summary>
    private sealed class Reading(YamlSource source)
    {
        private readonly FigureSources _figures = new(source, FigureHome.Topology);

        public Topology Read(YamlNode rootNode)
        {
            var root = source.Map(rootNode, string.Empty, RootKeys);
            var name = source.String(root.Required("name", "the topology's name, e.g. aws-r5.metal"), "name");
            var cpu = root.Optional("cpu") is { } cpuNode ? source.String(cpuNode, "cpu") : null;
            var description = root.Optional("description") is { } descriptionNode ? source.String(descriptionNode, "description") : null;

            RegularLayout? regular = null;
            IReadOnlyList<SocketLayout> sockets;
            if (root.Has("layout") && root.Has("sockets"))
            {
                throw source.Error(root.KeyNode("sockets"), "sockets", "give either layout: (counts) or sockets: (an explicit list), not both");
            }
            else if (root.Optional("layout") is { } layoutNode)
            {
                regular = ReadRegular(layoutNode);
                sockets = regular.ToSockets();
            }
            else if (root.Optional("sockets") is { } socketsNode)
            {
                sockets = ReadExplicit(socketsNode);
            }
            else
            {
                throw source.Error(root.Node, "layout", "missing; expected layout: (counts of sockets, LLC domains, cores, threads) or sockets: (an explicit list)");
            }

            var shape = new Shape(sockets);
            var (latencies, matrix) = ReadLatencies(root.Required("latency", "a mapping of one-way transfer latencies per distance class"), shape);
            var coherence = ReadCoherence(root.Required("coherence", "a mapping with arbitration: centralized or distributed"));

            var smtSlowdown = 1.0;
            if (root.Optional("smt_slowdown") is { } slowdownNode)
            {
                smtSlowdown = source.Number(slowdownNode, "smt_slowdown", 1, MaxSmtSlowdown);
                _figures.Add("smt_slowdown", slowdownNode, new FigureDomain(FigureUnit.Number, 1, MaxSmtSlowdown), smtSlowdown);
            }
            else if (shape.HasSmt)
            {
                throw source.Error(root.Node, "smt_slowdown", "missing; this topology has SMT siblings: expected the factor (>= 1) by which a thread slows while its sibling is busy");
            }

            var noise = root.Optional("noise") is { } noiseNode ? ReadNoise(noiseNode) : null;

            int? possible = null;
            if (root.Optional("nr_possible_cpus") is { } possibleNode)
            {
                possible = source.Int(possibleNode, "nr_possible_cpus", 1, MaxCpus);
                if (possible < shape.Cpus)
                {
                    throw source.Error(possibleNode, "nr_possible_cpus", $"counts do not add up: {possible} possible CPUs is less than the {shape.Cpus} hardware threads");
                }

                _figures.Add("nr_possible_cpus", possibleNode, new FigureDomain(FigureUnit.WholeNumber, shape.Cpus, MaxCpus), possible.Value);
            }

            decimal? price = null;
            if (root.Optional("price_per_hour") is { } priceNode)
            {
                // The range is checked below, so that 0, a negative and a too large price get one message.
                var usd = source.Number(priceNode, "price_per_hour", double.MinValue);
                if (usd <= 0 || usd > MaxPricePerHour)
                {
                    throw source.Error(priceNode, "price_per_hour", string.Create(
                        CultureInfo.InvariantCulture,
                        $"expected the host's on-demand price in USD per hour, above 0 and at most {MaxPricePerHour}, got {usd}; leave price_per_hour out when it has none"));
                }

                price = (decimal)usd;
                _figures.Add("price_per_hour", priceNode, new FigureDomain(FigureUnit.Number, 0, MaxPricePerHour, AboveMinimum: true), usd);
            }

            var numaDistances = root.Optional("numa_distances") is { } distancesNode ? ReadNumaDistances(distancesNode, shape) : null;
            var sources = _figures.Read(root.Optional("sources"));

            try
            {
                return new Topology(new TopologySpec
                {
                    Name = name,
                    Cpu = cpu,
                    Description = description,
                    Sockets = sockets,
                    Regular = regular,
                    Latencies = latencies,
                    Matrix = matrix,
                    Coherence = coherence,
                    SmtSlowdown = smtSlowdown,
                    Noise = noise,
                    NrPossibleCpus = possible,
                    PricePerHour = price,
                    NumaDistances = numaDistances,
                    Sources = sources,
                    UncertainFigures = [.. _figures.Uncertain],
                });
            }
            catch (ArgumentException e)
            {
                throw source.Error((int)rootNode.Start.Line, (int)rootNode.Start.Column, string.Empty, e.Message, e);
            }
        }

        private RegularLayout ReadRegular(YamlNode node)
        {
            var layout = source.Map(node, "layout", LayoutKeys);
            int Count(string key, string expected, int fallback = 0) =>
                fallback > 0 && !layout.Has(key) ? fallback : source.Int(layout.Required(key, expected), layout.PathOf(key), 1, MaxCpus);

            var sockets = Count("sockets", "the number of sockets (packages)");
            var numa = Count("numa_nodes_per_socket", "NUMA nodes per socket", 1);
            var llcs = Count("llc_domains_per_socket", "LLC domains per socket (1 on an Intel mesh, CCX count on AMD)");
            var cores = Count("cores_per_llc_domain", "cores per LLC domain");
            var threads = Count("threads_per_core", "hardware threads per core (1, or 2 with SMT)");
            if (threads > 8)
            {
                throw source.Error(layout.Required("threads_per_core", string.Empty), layout.PathOf("threads_per_core"), $"expected 1 to 8 threads per core, got {threads}");
            }

            if (llcs % numa != 0)
            {
                throw source.Error(layout.Required("numa_nodes_per_socket", string.Empty), layout.PathOf("numa_nodes_per_socket"), $"counts do not add up: {llcs} LLC domains per socket do not split evenly into {numa} NUMA nodes");
            }

            var numbering = CpuNumbering.SmtLast;
            if (layout.Optional("cpu_numbering") is { } numberingNode)
            {
                var text = source.String(numberingNode, layout.PathOf("cpu_numbering"));
                numbering = text switch
                {
                    "smt-last" => CpuNumbering.SmtLast,
                    "smt-adjacent" => CpuNumbering.SmtAdjacent,
                    _ => throw source.Error(numberingNode, layout.PathOf("cpu_numbering"), $"expected smt-last (siblings n and n + total/2) or smt-adjacent (siblings 2k and 2k + 1), got '{text}'{Suggestions.DidYouMean(text, NumberingNames)}"),
                };
            }

            var regular = new RegularLayout(sockets, numa, llcs, cores, threads, numbering);
            if (layout.Optional("cpus") is { } cpusNode && source.Int(cpusNode, layout.PathOf("cpus"), 1) is var cpus && cpus != regular.Cpus)
            {
                throw source.Error(cpusNode, layout.PathOf("cpus"), string.Create(
                    CultureInfo.InvariantCulture,
                    $"counts do not add up: {sockets} sockets x {llcs} LLC domains x {cores} cores x {threads} threads = {regular.Cpus} hardware threads, but cpus says {cpus}"));
            }

            _figures.Add("layout", node);
            return regular;
        }

        private List<SocketLayout> ReadExplicit(YamlNode node)
        {
            var sockets = new List<SocketLayout>();
            var seen = new Dictionary<int, YamlNode>();
            foreach (var (socketNode, s) in source.Sequence(node, "sockets", "sockets").Select((n, i) => (n, i)))
            {
                var socketPath = $"sockets[{s}]";
                var socket = source.Map(socketNode, socketPath, ["llc_domains"]);
                var llcs = new List<LlcDomainLayout>();
                foreach (var (llcNode, l) in source.Sequence(socket.Required("llc_domains", "a list of LLC domains"), socket.PathOf("llc_domains"), "LLC domains").Select((n, i) => (n, i)))
                {
                    var llcPath = $"{socketPath}.llc_domains[{l}]";
                    var llc = source.Map(llcNode, llcPath, ["numa_node", "cores"]);
                    var numa = llc.Optional("numa_node") is { } numaNode ? source.Int(numaNode, llc.PathOf("numa_node"), 0) : s;
                    var cores = new List<IReadOnlyList<int>>();
                    foreach (var coreNode in source.Sequence(llc.Required("cores", "a list of cores, each a list of its CPUs: [[0, 48], [1, 49]]"), llc.PathOf("cores"), "cores"))
                    {
                        var cpuNodes = coreNode is YamlScalarNode ? [coreNode] : source.Sequence(coreNode, llc.PathOf("cores"), "CPU numbers");
                        var cpus = new List<int>();
                        foreach (var cpuNode in cpuNodes)
                        {
                            var cpu = source.Int(cpuNode, llc.PathOf("cores"), 0, MaxCpus - 1);
                            if (!seen.TryAdd(cpu, cpuNode))
                            {
                                throw source.Error(cpuNode, llc.PathOf("cores"), $"CPU {cpu} appears twice (first at line {seen[cpu].Start.Line})");
                            }

                            cpus.Add(cpu);
                        }

                        if (cpus.Count == 0)
                        {
                            throw source.Error(coreNode, llc.PathOf("cores"), "expected at least one CPU in each core");
                        }

                        cores.Add(cpus);
                    }

                    if (cores.Count == 0)
                    {
                        throw source.Error(llcNode, llc.PathOf("cores"), "expected at least one core in each LLC domain");
                    }

                    llcs.Add(new LlcDomainLayout(numa, cores));
                }

                if (llcs.Count == 0)
                {
                    throw source.Error(socketNode, socket.PathOf("llc_domains"), "expected at least one LLC domain in each socket");
                }

                sockets.Add(new SocketLayout(llcs));
            }

            if (sockets.Count == 0)
            {
                throw source.Error(node, "sockets", "expected at least one socket");
            }

            _figures.Add("sockets", node);
            return sockets;
        }

        private (LatencyTable, PairLatencyMatrix?) ReadLatencies(YamlNode node, Shape shape)
        {
            var latency = source.Map(node, "latency", LatencyKeys);
            double? Class(string key)
            {
                if (latency.Optional(key) is not { } valueNode)
                {
                    return null;
                }

                var ns = source.DurationNs(valueNode, latency.PathOf(key));
                _figures.Add(latency.PathOf(key), valueNode, key == "far_home_extra" ? AnyDuration : Transfer, ns);
                return ns;
            }

            var table = new LatencyTable(Class("smt_sibling"), Class("same_llc"), Class("same_socket"), Class("cross_socket"), Class("far_home_extra") ?? 0);
            var matrix = latency.Optional("matrix") is { } matrixNode ? ReadMatrix(matrixNode, shape) : null;
            if (matrix is null)
            {
                foreach (var (distance, why) in shape.Classes())
                {
                    if (table.For(distance) is null)
                    {
                        var key = LatencyTable.KeyOf(distance);
                        throw source.Error(node, latency.PathOf(key), $"missing; {why}, so {key} pairs exist: expected their one-way transfer latency, e.g. 50ns");
                    }
                }
            }

            return (table, matrix);
        }

        private PairLatencyMatrix ReadMatrix(YamlNode node, Shape shape)
        {
            const string field = "latency.matrix";
            var map = source.Map(node, field, ["cpus", "rows"]);
            var cpusNode = map.Required("cpus", "the cpu list the rows and columns follow, e.g. 0-95");
            IReadOnlyList<int> cpus;
            try
            {
                cpus = CpuList.Parse(source.String(cpusNode, map.PathOf("cpus")));
            }
            catch (FormatException e)
            {
                throw source.Error(cpusNode, map.PathOf("cpus"), $"expected a cpu list such as 0-3,8: {e.Message}");
            }

            if (!cpus.Order().SequenceEqual(shape.OsCpus))
            {
                throw source.Error(cpusNode, map.PathOf("cpus"), $"expected exactly the topology's CPUs {CpuList.Format(shape.OsCpus)}, got {CpuList.Format(cpus)}");
            }

            var rowsNode = map.Required("rows", "one row of latencies per CPU");
            var rows = source.Sequence(rowsNode, map.PathOf("rows"), "rows");
            if (rows.Count != cpus.Count)
            {
                throw source.Error(rowsNode, map.PathOf("rows"), $"counts do not add up: expected {cpus.Count} rows, one per CPU, got {rows.Count}");
            }

            var values = new List<double>(cpus.Count * cpus.Count);
            foreach (var rowNode in rows)
            {
                var row = source.Sequence(rowNode, map.PathOf("rows"), "latencies");
                if (row.Count != cpus.Count)
                {
                    throw source.Error(rowNode, map.PathOf("rows"), $"counts do not add up: expected {cpus.Count} latencies in each row, got {row.Count}");
                }

                values.AddRange(row.Select(v => source.DurationNs(v, map.PathOf("rows"))));
            }

            _figures.Add(field, node);
            return new PairLatencyMatrix(cpus, values);
        }

        /// <summary><c>noise: {detours_per_second: 310, detour: [1.2us, ..., 2.1ms]}</c>, as harness noise measures it.</summary>
        private HostNoise ReadNoise(YamlNode node)
        {
            var noise = source.Map(node, "noise", NoiseKeys);
            var rateNode = noise.Required("detours_per_second", "detours per second of running, per CPU (a number >= 0)");
            var rate = source.Number(rateNode, noise.PathOf("detours_per_second"), 0, MaxDetoursPerSecond);
            var lengths = source.Sequence(noise.Required("detour", "a list of equally likely detour lengths such as [2us, 3us, 1.5ms]"), noise.PathOf("detour"), "detour lengths")
                .Select(length => source.DurationNs(length, noise.PathOf("detour")) is var ns && ns > 0
                    ? ns
                    : throw source.Error(length, noise.PathOf("detour"), "a detour length must be positive"))
                .ToList();
            if (lengths.Count == 0)
            {
                throw source.Error(noise.KeyNode("detour"), noise.PathOf("detour"), "empty; expected at least one detour length");
            }

            _figures.Add("noise", node);
            return HostNoise.Create(rate, lengths);
        }

        private CoherenceArbitration ReadCoherence(YamlNode node)
        {
            var coherence = source.Map(node, "coherence", CoherenceKeys);
            var kindNode = coherence.Required("arbitration", "centralized or distributed");
            var kind = source.String(kindNode, coherence.PathOf("arbitration"));
            string[] needed = kind switch
            {
                "centralized" => ["home_service"],
                "distributed" => ["local_service", "directory_service"],
                _ => throw source.Error(kindNode, coherence.PathOf("arbitration"), $"expected centralized (one home agent per line, a mesh) or distributed (LLC domains plus a directory, chiplets), got '{kind}'{Suggestions.DidYouMean(kind, ["centralized", "distributed"])}"),
            };
            foreach (var key in CoherenceKeys.Skip(1).Where(k => !needed.Contains(k) && coherence.Has(k)))
            {
                throw source.Error(coherence.KeyNode(key), coherence.PathOf(key), $"not used by {kind} arbitration; expected only {string.Join(" and ", needed)}");
            }

            double Service(string key)
            {
                var valueNode = coherence.Required(key, "a duration such as 47ns: the time the arbiter is busy per request");
                var ns = source.DurationNs(valueNode, coherence.PathOf(key));
                _figures.Add(coherence.PathOf(key), valueNode, Transfer, ns);
                return ns;
            }

            return kind == "centralized"
                ? CoherenceArbitration.Centralized(Service("home_service"))
                : CoherenceArbitration.Distributed(Service("local_service"), Service("directory_service"));
        }

        private List<IReadOnlyList<int>> ReadNumaDistances(YamlNode node, Shape shape)
        {
            const string field = "numa_distances";
            var rows = source.Sequence(node, field, "rows");
            if (rows.Count != shape.NumaNodes)
            {
                throw source.Error(node, field, $"counts do not add up: the topology has {shape.NumaNodes} NUMA node(s), so expected {shape.NumaNodes} rows, got {rows.Count}");
            }

            var result = new List<IReadOnlyList<int>>();
            foreach (var rowNode in rows)
            {
                var row = source.Sequence(rowNode, field, "distances");
                if (row.Count != shape.NumaNodes)
                {
                    throw source.Error(rowNode, field, $"counts do not add up: expected {shape.NumaNodes} distances per row, got {row.Count}");
                }

                result.Add([.. row.Select(v => source.Int(v, field, 1))]);
            }

            _figures.Add(field, node);
            return result;
        }
    }

    /// <summary>What the tree implies before a Topology exists: which distance classes occur, and why.</summary>
    private sealed class Shape(IReadOnlyList<SocketLayout> sockets)
    {
        private readonly List<LlcDomainLayout> _llcs = [.. sockets.SelectMany(s => s.LlcDomains)];

        public bool HasSmt => _llcs.Any(l => l.Cores.Any(c => c.Count > 1));

        public int Cpus => OsCpus.Count;

        public IReadOnlyList<int> OsCpus => [.. _llcs.SelectMany(l => l.Cores.SelectMany(c => c)).Order()];

        public int NumaNodes => _llcs.Select(l => l.NumaNode).Distinct().Count();

        public IEnumerable<(DistanceClass Class, string Why)> Classes()
        {
            if (HasSmt)
            {
                yield return (DistanceClass.SmtSibling, "cores have more than one thread");
            }

            if (_llcs.Any(l => l.Cores.Count > 1))
            {
                yield return (DistanceClass.SameLlc, "LLC domains have more than one core");
            }

            if (sockets.Any(s => s.LlcDomains.Count > 1))
            {
                yield return (DistanceClass.SameSocket, "sockets have more than one LLC domain");
            }

            if (sockets.Count > 1)
            {
                yield return (DistanceClass.CrossSocket, string.Create(CultureInfo.InvariantCulture, $"the topology has {sockets.Count} sockets"));
            }
        }
    }
}
