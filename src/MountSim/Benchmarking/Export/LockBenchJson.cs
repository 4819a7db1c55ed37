using System.Text.Json;
using System.Text.Json.Nodes;

namespace MountSim.Benchmarking.Export;

/// <summary>A lock-bench sweep as <c>simulate lockbench --json</c> prints it: the settings, then one object per thread count.</summary>
public static class LockBenchJson
{
    public static string Write(LockBenchSummary summary) => ToJson(summary).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static JsonObject ToJson(LockBenchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var options = summary.Options;
        return new JsonObject
        {
            ["topology"] = options.Topology.Name,
            ["lock"] = summary.LockName,
            ["placement"] = options.Placement.Name,
            ["critical_section_ns"] = options.CriticalSectionNs,
            ["acquisitions"] = options.Acquisitions,
            ["seed"] = options.Seed,
            ["points"] = new JsonArray([.. summary.Points.Select(p => (JsonNode)new JsonObject
            {
                ["threads"] = p.Threads,
                ["ns_per_critical_section"] = p.NsPerCriticalSection,
                ["acquisitions_per_second"] = p.AcquisitionsPerSecond,
            })]),
        };
    }
}
