using System.Globalization;
using System.Text;

namespace MountSim.Hardware.Export;

/// <summary>
/// Writes a topology in the schema of topologies/README.md, so that reading the output back gives
/// the same tree and numbers: counts when it came from counts, else the explicit socket list.
/// </summary>
public static class TopologyYamlWriter
{
    public static string ToYaml(Topology topology, string? headerComment = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var spec = topology.Spec;
        var yaml = new StringBuilder();
        void Line(FormattableString text) => yaml.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        if (headerComment is not null)
        {
            foreach (var comment in headerComment.Split('\n'))
            {
                Line($"# {comment}");
            }
        }

        Line($"name: {Quote(spec.Name)}");
        if (spec.Cpu is { } cpu)
        {
            Line($"cpu: {Quote(cpu)}");
        }

        if (spec.Description is { } description)
        {
            Line($"description: {Quote(description)}");
        }

        if (spec.Regular is { } r)
        {
            Line($"layout:");
            Line($"  sockets: {r.Sockets}");
            Line($"  numa_nodes_per_socket: {r.NumaNodesPerSocket}");
            Line($"  llc_domains_per_socket: {r.LlcDomainsPerSocket}");
            Line($"  cores_per_llc_domain: {r.CoresPerLlcDomain}");
            Line($"  threads_per_core: {r.ThreadsPerCore}");
            Line($"  cpu_numbering: {(r.Numbering == CpuNumbering.SmtLast ? "smt-last" : "smt-adjacent")}");
            Line($"  cpus: {r.Cpus}");
        }
        else
        {
            Line($"sockets:");
            foreach (var socket in topology.Sockets)
            {
                Line($"  - llc_domains:");
                foreach (var llc in socket.LlcDomains)
                {
                    Line($"      - numa_node: {llc.NumaNode}");
                    Line($"        cores: [{string.Join(", ", llc.Cores.Select(c => "[" + string.Join(", ", c.Threads.Select(t => t.OsCpu)) + "]"))}]");
                }
            }
        }

        Line($"latency:");
        foreach (var distance in Enum.GetValues<DistanceClass>().Skip(1))
        {
            if (spec.Latencies.For(distance) is { } ns)
            {
                Line($"  {LatencyTable.KeyOf(distance)}: {Ns(ns)}");
            }
        }

        if (spec.Latencies.FarHomeExtraNs > 0)
        {
            Line($"  far_home_extra: {Ns(spec.Latencies.FarHomeExtraNs)}");
        }

        if (spec.Matrix is { } matrix)
        {
            var cpus = topology.Threads.Select(t => t.OsCpu).Order().ToList();
            Line($"  matrix:");
            Line($"    cpus: {CpuList.Format(cpus)}");
            Line($"    rows:");
            foreach (var from in cpus)
            {
                Line($"      - [{string.Join(", ", cpus.Select(to => matrix[from, to].ToString("R", CultureInfo.InvariantCulture)))}]");
            }
        }

        Line($"coherence:");
        Line($"  arbitration: {spec.Coherence.KindName}");
        if (spec.Coherence.Kind == CoherenceKind.Centralized)
        {
            Line($"  home_service: {Ns(spec.Coherence.HomeServiceNs)}");
        }
        else
        {
            Line($"  local_service: {Ns(spec.Coherence.LocalServiceNs)}");
            Line($"  directory_service: {Ns(spec.Coherence.HomeServiceNs)}");
        }

        if (topology.HasSmt || spec.SmtSlowdown > 1)
        {
            Line($"smt_slowdown: {spec.SmtSlowdown.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (spec.Noise is { } noise)
        {
            Line($"noise:");
            Line($"  detours_per_second: {noise.DetoursPerSecond.ToString("R", CultureInfo.InvariantCulture)}");
            Line($"  detour: [{string.Join(", ", noise.DetourNs.Select(Ns))}]");
        }

        if (spec.NrPossibleCpus is not null)
        {
            Line($"nr_possible_cpus: {topology.NrPossibleCpus}");
        }

        if (spec.PricePerHour is { } price)
        {
            Line($"price_per_hour: {price}");
        }

        if (spec.NumaDistances is { } distances)
        {
            Line($"numa_distances: [{string.Join(", ", distances.Select(row => "[" + string.Join(", ", row) + "]"))}]");
        }

        if (spec.Sources.Count > 0)
        {
            Line($"sources:");
            foreach (var (figure, source) in spec.Sources)
            {
                var uncertain = spec.UncertainFigures.FirstOrDefault(f => f.Key == figure);
                Line($"  {figure}: {uncertain?.ToYamlEntry(source, Quote) ?? Quote(source)}");
            }
        }

        return yaml.ToString();
    }

    private static string Ns(double ns) => ns.ToString("R", CultureInfo.InvariantCulture) + "ns";

    /// <summary>A double-quoted YAML scalar: always safe, whatever the text (colons, '#', leading dashes).</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
