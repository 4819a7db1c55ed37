using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MountSim.Files;
using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Calibration;

/// <summary>
/// Reads and writes a harness measurement file (JSON, snake_case; schema in the README). Every field is
/// checked where it is read; a problem names the file and the field, e.g. <c>configurations[2].layers</c>.
/// </summary>
public static class MeasurementsJson
{
    /// <summary>The strategies the harness can run, by their shipped names.</summary>
    public static readonly IReadOnlyList<string> Strategies = ["per-layer", "common-parent", "detached-fds"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <exception cref="InputFileException">The file cannot be read or is not a valid measurement file.</exception>
    public static Measurements Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputText.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, 0, 0, string.Empty, $"cannot read the file: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <param name="json">The file's text.</param>
    /// <param name="file">The name errors report.</param>
    /// <exception cref="InputFileException">The text is not a valid measurement file.</exception>
    public static Measurements Parse(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InputFileException(file, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? 0) + 1, string.Empty, $"not valid JSON: {e.Message}", e);
        }

        return HarnessFiles.IsHarnessFile(root)
            ? HarnessFiles.ToMeasurements(Harness.HarnessMeasurementsJson.Deserialize(json))
            : new Reading(file).Read(root);
    }

    public static void Save(Measurements measurements, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, ToJson(measurements));
    }

    public static string ToJson(Measurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var host = new JsonObject { ["kernel"] = measurements.Host.Kernel, ["cpus"] = measurements.Host.Cpus };
        if (measurements.Host.Topology is { } topology)
        {
            host["topology"] = topology;
        }

        var configurations = new JsonArray();
        foreach (var c in measurements.Configurations)
        {
            var configuration = new JsonObject
            {
                ["id"] = c.Id,
                ["strategy"] = c.Strategy,
                ["layers"] = c.Layers,
                ["threads"] = c.Threads,
                ["setups"] = c.Setups,
                ["fit"] = c.Fit,
                ["setup_latency_us"] = Summary(c.SetupLatencyUs),
            };
            if (c.SyscallLatencyUs.Count > 0)
            {
                configuration["syscall_latency_us"] = new JsonObject(c.SyscallLatencyUs.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)Summary(s.Value))));
            }

            if (c.PathWalkIdleUs is { } walk)
            {
                configuration["path_walk_idle_us"] = Summary(walk);
            }

            if (c.HasRuntime || c.Burst)
            {
                configuration["runtime"] = c.Runtime;
                configuration["burst"] = c.Burst;
                configuration["mountinfo_lines"] = c.MountinfoLines;
            }

            configurations.Add(configuration);
        }

        return new JsonObject { ["host"] = host, ["configurations"] = configurations }.ToJsonString(Indented);
    }

    private static JsonObject Summary(LatencySummary s)
    {
        var json = new JsonObject { ["p50"] = s.P50, ["p99"] = s.P99, ["mean"] = s.Mean, ["count"] = s.Count };
        if (!double.IsNaN(s.P90))
        {
            json["p90"] = s.P90;
        }

        return json;
    }

    private sealed class Reading(string file)
    {
        public Measurements Read(JsonNode? root)
        {
            var top = Object(root, string.Empty, ["host", "configurations"]);
            var host = Object(Required(top, "host", string.Empty, "an object {kernel, cpus, topology}"), "host", ["kernel", "cpus", "topology"]);
            var measuredHost = new MeasuredHost(
                String(Required(host, "kernel", "host", "the kernel release, e.g. \"6.17.0\""), "host.kernel"),
                Int(Required(host, "cpus", "host", "the host's CPU count"), "host.cpus", 1),
                host["topology"] is { } t ? String(t, "host.topology") : null);
            var list = Required(top, "configurations", string.Empty, "a list of measured configurations") as JsonArray
                ?? throw Error("configurations", "expected a list of measured configurations");
            if (list.Count == 0)
            {
                throw Error("configurations", "expected at least one configuration");
            }

            var configurations = list.Select((node, i) => Configuration(node, string.Create(CultureInfo.InvariantCulture, $"configurations[{i}]"))).ToList();
            foreach (var duplicate in configurations.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                throw Error("configurations", $"id '{duplicate.Key}' is given {duplicate.Count()} times; ids must be unique");
            }

            return new Measurements(measuredHost, configurations);
        }

        private MeasuredConfiguration Configuration(JsonNode? node, string field)
        {
            var map = Object(node, field, ["id", "strategy", "layers", "threads", "setups", "fit", "setup_latency_us", "syscall_latency_us", "path_walk_idle_us", "runtime", "burst", "mountinfo_lines"]);
            var runtime = map["runtime"] is { } r ? String(r, field + ".runtime") : "none";
            if (runtime is not ("none" or "runc"))
            {
                throw Error(field + ".runtime", $"unknown runtime '{runtime}'; expected none or runc");
            }

            var strategyField = field + ".strategy";
            var strategy = String(Required(map, "strategy", field, string.Join(" | ", Strategies)), strategyField);
            if (!Strategies.Contains(strategy))
            {
                throw Error(strategyField, $"unknown strategy '{strategy}'{Suggestions.DidYouMean(strategy, Strategies)}; expected {string.Join(", ", Strategies)}");
            }

            var syscalls = new Dictionary<string, LatencySummary>(StringComparer.Ordinal);
            if (map["syscall_latency_us"] is { } syscallNode)
            {
                var syscallField = field + ".syscall_latency_us";
                foreach (var (name, value) in Object(syscallNode, syscallField, null))
                {
                    syscalls[name] = Summary(value, YamlSource.Join(syscallField, name));
                }
            }

            return new MeasuredConfiguration(
                String(Required(map, "id", field, "a name for the configuration"), field + ".id"),
                strategy,
                Int(Required(map, "layers", field, "layers per image"), field + ".layers", 1),
                Int(Required(map, "threads", field, "concurrent setups"), field + ".threads", 1),
                Int(Required(map, "setups", field, "container setups measured in all"), field + ".setups", 1),
                Bool(Required(map, "fit", field, "true to fit to it, false to hold it out for validation"), field + ".fit"),
                Summary(Required(map, "setup_latency_us", field, "{p50, p99, mean, count} in microseconds"), field + ".setup_latency_us"),
                syscalls,
                map["path_walk_idle_us"] is { } walk ? Summary(walk, field + ".path_walk_idle_us") : null,
                null,
                runtime,
                map["burst"] is { } burst && Bool(burst, field + ".burst"),
                map["mountinfo_lines"] is { } lines ? Int(lines, field + ".mountinfo_lines", 0) : 0);
        }

        private LatencySummary Summary(JsonNode? node, string field)
        {
            var map = Object(node, field, ["p50", "p90", "p99", "mean", "count"]);
            double Latency(string key) => Positive(Required(map, key, field, "a latency in microseconds > 0"), YamlSource.Join(field, key));
            var summary = new LatencySummary(Latency("p50"), Latency("p99"), Latency("mean"), Int(Required(map, "count", field, "samples"), field + ".count", 1), map["p90"] is null ? double.NaN : Latency("p90"));
            return summary.P99 >= summary.P50 ? summary : throw Error(field + ".p99", $"{summary.P99} is below p50 {summary.P50}");
        }

        private JsonObject Object(JsonNode? node, string field, string[]? keys)
        {
            if (node is not JsonObject map)
            {
                throw Error(field, $"expected an object, got {Describe(node)}");
            }

            foreach (var key in map.Select(p => p.Key).Where(k => keys is not null && !keys.Contains(k)))
            {
                throw Error(YamlSource.Join(field, key), $"unknown field{Suggestions.DidYouMean(key, keys!)} (fields: {string.Join(", ", keys!)})");
            }

            return map;
        }

        private JsonNode Required(JsonObject map, string key, string parent, string expected) =>
            map[key] ?? throw Error(YamlSource.Join(parent, key), $"missing; expected {expected}");

        private string String(JsonNode node, string field) =>
            node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : throw Error(field, $"expected a non-empty string, got {Describe(node)}");

        private bool Bool(JsonNode node, string field) =>
            node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw Error(field, $"expected true or false, got {Describe(node)}");

        private int Int(JsonNode node, string field, int minimum)
        {
            var number = Double(node, field);
            return number == Math.Floor(number) && number >= minimum && number <= int.MaxValue
                ? (int)number
                : throw Error(field, string.Create(CultureInfo.InvariantCulture, $"expected a whole number >= {minimum}, got {number}"));
        }

        private double Positive(JsonNode node, string field)
        {
            var number = Double(node, field);
            return number > 0 && double.IsFinite(number) ? number : throw Error(field, string.Create(CultureInfo.InvariantCulture, $"expected a number > 0, got {number}"));
        }

        private double Double(JsonNode node, string field) =>
            node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : throw Error(field, $"expected a number, got {Describe(node)}");

        private static string Describe(JsonNode? node) => node is null ? "null" : node.ToJsonString();

        private InputFileException Error(string field, string problem) => new(file, 0, 0, field, problem);
    }
}
