using System.Globalization;
using MountSim.Experiments;
using MountSim.Text;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Planning;

/// <summary>Reads a plan file (schema in experiments/plans/README.md); every error names the file, line, column and field.</summary>
public static class PlanYamlReader
{
    private static readonly string[] RootKeys = ["name", "description", "seed", "output", "scenario", "candidates", "objective", "find", "burst", "rate", "confidence", "replications", "prices"];
    private static readonly string[] BurstKeys = ["from", "max", "resolution"];
    private static readonly string[] RateKeys = ["from", "max", "resolution", "sustain"];
    private static readonly string[] ReplicationKeys = ["min", "max"];

    /// <summary>The fields each probe sets: a plan cannot fix or sweep them.</summary>
    private static readonly string[] ProbeFields = ["containers", "arrivals"];

    /// <exception cref="InputFileException">The file cannot be read or is not a valid plan.</exception>
    public static CapacityPlan Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(new YamlSource(path).ReadAllText(), path);
    }

    /// <exception cref="InputFileException">The text is not a valid plan.</exception>
    public static CapacityPlan Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var source = new YamlSource(file);
        var root = source.Map(source.ParseRoot(yaml, "a plan (name:, scenario:, candidates:, objective:, ...)"), string.Empty, RootKeys);
        var name = source.String(root.Required("name", "the plan's name, e.g. incident-capacity"), "name");
        var (baseFields, grid, zip, baseSources) = ExperimentYamlReader.ScenarioAndSweep(source, root, "candidates", scenario =>
        {
            if (ProbeFields.FirstOrDefault(scenario.Has) is { } fixedField)
            {
                throw source.Error(scenario.Optional(fixedField)!, scenario.PathOf(fixedField), "set by each probe of the search; remove it (burst: and rate: say where the search goes)");
            }
        });
        if (grid.Concat(zip).FirstOrDefault(a => ProbeFields.Contains(a.Field)) is { } probed)
        {
            throw source.Error(probed.Values[0], probed.Path, "set by each probe of the search; candidates cannot vary it");
        }

        var objectiveNode = root.Required("objective", "a list of terms such as start_latency_p99_ms <= 5000");
        var objective = source.Sequence(objectiveNode, "objective", "terms such as start_latency_p99_ms <= 5000")
            .Select((node, i) => ExperimentYamlReader.Condition(source, node, Invariant($"objective[{i}]"))).ToList();
        if (objective.Count == 0)
        {
            throw source.Error(objectiveNode, "objective", "expected at least one term, e.g. start_latency_p99_ms <= 5000");
        }

        var confidence = root.Optional("confidence") is { } conf ? source.Number(conf, "confidence", 0.5, 0.999) : 0.95;
        var (minReplications, maxReplications) = Replications(source, root.Optional("replications"));
        var sweep = ExperimentYamlReader.Configurations(yaml, file, name, (baseFields, grid, zip, baseSources));
        var candidates = sweep.Configurations;
        var header = ExperimentYamlReader.StudyHeader(source, root, "plan");
        return new CapacityPlan
        {
            Name = name,
            Description = header.Description,
            File = file,
            Text = yaml,
            Seed = header.Seed,
            Output = header.Output,
            Candidates = candidates,
            CandidateFields = sweep.Experiment.SweptFields,
            Objective = objective,
            Find = Find(source, root.Optional("find")),
            Burst = Settings(source, root.Optional("burst"), "burst", BurstKeys, from: 32, max: 4096, resolution: 0.05),
            Rate = Settings(source, root.Optional("rate"), "rate", RateKeys, from: 10, max: 10_000, resolution: 0.1),
            Test = new SequentialTest(confidence, minReplications, maxReplications),
            Prices = Prices(source, root.Optional("prices"), [.. candidates.Select(c => c.Scenario.Topology.Name).Distinct()]),
        };
    }

    private static List<SearchKind> Find(YamlSource source, YamlNode? node)
    {
        if (node is null)
        {
            return [SearchKind.Burst];
        }

        var values = node is YamlSequenceNode ? source.Sequence(node, "find", "burst or rate") : [node];
        var kinds = values.Select((v, i) => source.String(v, "find") switch
        {
            "burst" => SearchKind.Burst,
            "rate" => SearchKind.Rate,
            var other => throw source.Error(v, values.Count > 1 ? Invariant($"find[{i}]") : "find", $"expected burst or rate, got '{other}'"),
        }).Distinct().ToList();
        return kinds.Count > 0 ? kinds : throw source.Error(node, "find", "expected burst, rate or [burst, rate]");
    }

    private static BoundarySearchSettings Settings(YamlSource source, YamlNode? node, string field, IReadOnlyList<string> keys, double from, double max, double resolution)
    {
        var map = node is null ? null : source.Map(node, field, keys);
        double Value(string key, double fallback, double minimum, double maximum) =>
            map?.Optional(key) is { } v ? source.Number(v, map.PathOf(key), minimum, maximum) : fallback;
        var isBurst = field == "burst";
        var settings = new BoundarySearchSettings(
            Value("from", from, isBurst ? 1 : BoundarySearchSettings.MinRate, ExperimentPlan.MaxRuns),
            Value("max", max, isBurst ? 1 : BoundarySearchSettings.MinRate, ExperimentPlan.MaxRuns),
            Value("resolution", resolution, isBurst ? 0 : 0.001, 1),
            map?.Optional("sustain") is { } sustain ? source.DurationNs(sustain, map.PathOf("sustain")) : 30e9);
        if (isBurst && (settings.From != Math.Floor(settings.From) || settings.Max != Math.Floor(settings.Max)))
        {
            throw source.Error(node!, field, "from: and max: of a burst are numbers of containers: expected whole numbers");
        }

        return settings.From <= settings.Max ? settings : throw source.Error(node!, field, Invariant($"from: {settings.From} is above max: {settings.Max}; expected from <= max"));
    }

    private static (int Min, int Max) Replications(YamlSource source, YamlNode? node)
    {
        if (node is null)
        {
            return (3, 10);
        }

        var map = source.Map(node, "replications", ReplicationKeys);
        var min = map.Optional("min") is { } lo ? source.Int(lo, "replications.min", 2, 1000) : 3;
        var max = map.Optional("max") is { } hi ? source.Int(hi, "replications.max", 2, 1000) : Math.Max(10, min);
        return min <= max ? (min, max) : throw source.Error(node, "replications", $"min: {min} is above max: {max}; expected min <= max");
    }

    /// <summary>USD per hour by topology name; each name must be a candidate's host, so a typo cannot leave a price unused.</summary>
    private static Dictionary<string, double> Prices(YamlSource source, YamlNode? node, IReadOnlyList<string> topologies)
    {
        var prices = new Dictionary<string, double>(StringComparer.Ordinal);
        if (node is null)
        {
            return prices;
        }

        var map = source.Map(node, "prices", [.. ((node as YamlMappingNode)?.Children.Keys ?? []).OfType<YamlScalarNode>().Select(k => k.Value!)]);
        foreach (var (key, value) in map.Node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            prices[name] = topologies.Contains(name)
                ? source.Number(value, map.PathOf(name), 1e-6)
                : throw source.Error(key, map.PathOf(name), $"no candidate runs on '{name}'{Suggestions.DidYouMean(name, topologies)}; expected one of {string.Join(", ", topologies)}");
        }

        return prices;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
