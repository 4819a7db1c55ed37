using System.Globalization;
using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Hardware.Export;

/// <summary>
/// The human view of a topology: a tree (sockets &gt; LLC domains &gt; cores &gt; threads) that
/// states a regular LLC domain in one line, then the latency table, the sources and the ranges of the uncertain figures.
/// </summary>
public static class TopologyTextWriter
{
    public static void Write(Topology topology, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(output);
        void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"{topology.Name}: {topology.Cpu ?? "CPU not given"}");
        if (topology.Spec.Description is { } description)
        {
            Line($"  {description}");
        }

        Line($"  sockets x cores x threads: {TopologySummary.Shape(topology)} = {topology.Threads.Count} hardware threads; {topology.NumaNodes.Count} NUMA node(s); LLC: {TopologySummary.LlcLayout(topology)}");
        Line($"  coherence: {Coherence(topology)}");
        Line($"  noise: {(topology.Noise is { } noise ? $"{noise.DetoursPerSecond:F0} detours/s per running CPU, mean {Durations.Format(noise.Detours.Mean)}, {noise.Share:P2} of its time{Flag(topology, "noise")}" : "none")}");
        Line($"  smt_slowdown {topology.SmtSlowdown}{Flag(topology, "smt_slowdown")}; nr_possible_cpus {topology.NrPossibleCpus}{Flag(topology, "nr_possible_cpus")}");
        var price = topology.PricePerHour is { } usd
            ? string.Create(CultureInfo.InvariantCulture, $"${usd}/h on demand{Flag(topology, "price_per_hour")}")
            : "not given";
        Line($"  price: {price}");
        output.WriteLine();

        foreach (var socket in topology.Sockets)
        {
            Line($"socket {socket.Index}  NUMA {string.Join(",", socket.NumaNodes)}  cpus {TopologySummary.Cpus(socket.Threads)}");
            foreach (var llc in socket.LlcDomains)
            {
                Line($"  LLC {llc.Index}  {Cores(llc)}");
            }
        }

        output.WriteLine();
        Line($"{"distance class",-16}{"ns",9}{"pairs",10}  (ordered pairs of hardware threads)");
        foreach (var distance in Enum.GetValues<DistanceClass>())
        {
            var pairs = topology.PairCount(distance);
            var key = LatencyTable.KeyOf(distance);
            var ns = topology.Latencies.For(distance) is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "-";
            Line($"{key,-16}{ns,9}{pairs,10}{(pairs > 0 ? Flag(topology, "latency." + key) : string.Empty)}");
        }

        if (topology.Latencies.FarHomeExtraNs > 0)
        {
            Line($"{"far_home_extra",-16}{topology.Latencies.FarHomeExtraNs,9:0.0}{"",10}{Flag(topology, "latency.far_home_extra")}  (cross-socket, line homed away from its holder)");
        }

        if (topology.Spec.Matrix is not null)
        {
            Line($"(a measured per-pair matrix overrides the class latencies)");
        }

        if (topology.Spec.NumaDistances is { } distances)
        {
            output.WriteLine();
            Line($"NUMA distances ({string.Join(" ", topology.NumaNodes)}): {string.Join("; ", distances.Select(row => string.Join(" ", row)))}");
        }

        if (topology.Sources.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("sources:");
            foreach (var (figure, source) in topology.Sources)
            {
                Line($"  {figure}: {source}");
            }
        }

        UncertainFiguresText.Write(topology.UncertainFigures, output);
    }

    /// <summary>One line for an LLC domain: compressed when its cores are alike, else each core's CPUs.</summary>
    private static string Cores(LlcDomain llc)
    {
        var cpus = TopologySummary.Cpus(llc.Threads);
        var threads = llc.Cores.Select(c => c.Threads.Count).Distinct().ToList();
        if (threads is not [var perCore])
        {
            return $"{llc.Cores.Count} cores  cpus {cpus}  cores: {string.Join(" ", llc.Cores.Select(c => $"[{string.Join(",", c.Threads.Select(t => t.OsCpu))}]"))}";
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{llc.Cores.Count} cores x {perCore} thread{(perCore > 1 ? "s" : string.Empty)}  cpus {cpus}");
        if (perCore == 1)
        {
            return summary;
        }

        var offsets = llc.Cores.Select(c => c.Threads[1].OsCpu - c.Threads[0].OsCpu).Distinct().ToList();
        return offsets is [var offset] && perCore == 2
            ? string.Create(CultureInfo.InvariantCulture, $"{summary}  (siblings n, n+{offset})")
            : $"{summary}  cores: {string.Join(" ", llc.Cores.Select(c => $"[{string.Join(",", c.Threads.Select(t => t.OsCpu))}]"))}";
    }

    private static string Coherence(Topology topology)
    {
        var c = topology.Coherence;
        return c.Kind == CoherenceKind.Centralized
            ? string.Create(CultureInfo.InvariantCulture, $"centralized (one home agent per line, {c.HomeServiceNs:0.0} ns per request{Flag(topology, "coherence.home_service")})")
            : string.Create(CultureInfo.InvariantCulture, $"distributed (in-domain {c.LocalServiceNs:0.0} ns{Flag(topology, "coherence.local_service")}, directory {c.HomeServiceNs:0.0} ns per request{Flag(topology, "coherence.directory_service")})");
    }

    private static string Flag(Topology topology, string figure) => topology.NeedsCalibration(figure) ? " [calibrate]" : string.Empty;
}
