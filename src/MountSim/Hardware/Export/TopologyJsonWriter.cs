using System.Text.Json;
using System.Text.Json.Nodes;

namespace MountSim.Hardware.Export;

/// <summary>The machine view of a topology (<c>topology show --json</c>): the tree with OS cpu numbers, latencies in ns, sources, and the range of each uncertain figure (durations in ns).</summary>
public static class TopologyJsonWriter
{
    public static JsonObject ToJson(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var latency = new JsonObject();
        foreach (var distance in Enum.GetValues<DistanceClass>())
        {
            latency[LatencyTable.KeyOf(distance)] = topology.Latencies.For(distance);
        }

        latency["far_home_extra"] = topology.Latencies.FarHomeExtraNs;
        var coherence = new JsonObject { ["arbitration"] = topology.Coherence.KindName };
        if (topology.Coherence.Kind == CoherenceKind.Centralized)
        {
            coherence["home_service_ns"] = topology.Coherence.HomeServiceNs;
        }
        else
        {
            coherence["local_service_ns"] = topology.Coherence.LocalServiceNs;
            coherence["directory_service_ns"] = topology.Coherence.HomeServiceNs;
        }

        var sources = new JsonObject();
        foreach (var (figure, source) in topology.Sources)
        {
            sources[figure] = source;
        }

        var ranges = new JsonObject();
        foreach (var figure in topology.UncertainFigures)
        {
            ranges[figure.Key] = new JsonObject { ["value"] = figure.Nominal, ["low"] = figure.Low, ["high"] = figure.High, ["why"] = figure.Why, ["measure"] = figure.Measure };
        }

        return new JsonObject
        {
            ["name"] = topology.Name,
            ["cpu"] = topology.Cpu,
            ["description"] = topology.Spec.Description,
            ["hardware_threads"] = topology.Threads.Count,
            ["cores"] = topology.Cores.Count,
            ["llc_domains"] = topology.LlcDomains.Count,
            ["numa_nodes"] = new JsonArray([.. topology.NumaNodes.Select(n => (JsonNode)n)]),
            ["sockets"] = new JsonArray([.. topology.Sockets.Select(s => (JsonNode)new JsonObject
            {
                ["index"] = s.Index,
                ["llc_domains"] = new JsonArray([.. s.LlcDomains.Select(l => (JsonNode)new JsonObject
                {
                    ["index"] = l.Index,
                    ["numa_node"] = l.NumaNode,
                    ["cores"] = new JsonArray([.. l.Cores.Select(c => (JsonNode)new JsonArray([.. c.Threads.Select(t => (JsonNode)t.OsCpu)]))]),
                })]),
            })]),
            ["latency_ns"] = latency,
            ["has_pair_matrix"] = topology.Spec.Matrix is not null,
            ["coherence"] = coherence,
            ["smt_slowdown"] = topology.SmtSlowdown,
            ["noise"] = topology.Noise is { } noise
                ? new JsonObject { ["detours_per_second"] = noise.DetoursPerSecond, ["detour_ns"] = new JsonArray([.. noise.DetourNs.Select(v => (JsonNode)v)]) }
                : null,
            ["nr_possible_cpus"] = topology.NrPossibleCpus,
            ["price_per_hour"] = topology.PricePerHour,
            ["numa_distances"] = topology.Spec.NumaDistances is { } d
                ? new JsonArray([.. d.Select(row => (JsonNode)new JsonArray([.. row.Select(v => (JsonNode)v)]))])
                : null,
            ["sources"] = sources,
            ["ranges"] = ranges,
        };
    }

    public static void Write(Topology topology, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(ToJson(topology).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
