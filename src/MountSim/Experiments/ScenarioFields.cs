using MountSim.Engine.Distributions;
using MountSim.Hardware;
using MountSim.Kernel.Loops;
using MountSim.Kernel.PathWalks;
using MountSim.Kernel.Profiles;
using MountSim.Text;
using MountSim.Workload;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Experiments;

/// <summary>
/// The fields of a scenario as an experiment file writes them (experiments/README.md): each one a
/// value in the base <c>scenario:</c> or a list of values on a sweep axis. They turn into a
/// <see cref="Scenario"/> with every name resolved and every value checked, errors pointing at the
/// value's line and column.
/// </summary>
public static class ScenarioFields
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "topology", "smt", "sockets", "kernel", "strategy", "runtime", "containers", "layers", "arrivals", "concurrency",
        "placement", "path_walks", "path_walk_mode", "mount_loops", "watchers", "watcher_rate_limit", "propagation", "service_namespaces", "wake_balance", "deadline",
        "base_mounts", "host_threads", "container_threads", "health_probes",
    ];

    /// <summary>The key beside the fields in a <c>scenario:</c> mapping that cites them and gives ranges to its assumptions (<see cref="ScenarioFigures"/>).</summary>
    public const string SourcesKey = "sources";

    /// <summary>The keys a <c>scenario:</c> mapping may have: the fields and their sources.</summary>
    public static IReadOnlyList<string> MappingKeys { get; } = [.. Names, SourcesKey];

    /// <summary>What each field takes, for error messages.</summary>
    public static string Expected(string field) => field switch
    {
        "topology" => "a shipped topology's name or a YAML file",
        "smt" => "on or off",
        "sockets" => "a whole number of sockets to keep, at least 1",
        "kernel" => "a shipped kernel profile's name, a YAML file, or a profile written inline",
        "strategy" => "a shipped strategy's name, a YAML file, or a strategy written inline",
        "runtime" => "none, a shipped runtime's name or a YAML file",
        "containers" => "a whole number of container starts, at least 1",
        "layers" => "a number of layers or a distribution such as lognormal:50:20",
        "arrivals" => "burst, poisson:RATE, interval:DURATION or ramp:DURATION",
        "concurrency" => "a whole number of starts in flight, at least 1",
        "placement" => "spread, pack, one-socket, no-smt or cpus:LIST",
        "path_walks" => "background lookups per second per CPU, a number >= 0",
        "path_walk_mode" => "closed-form or per-lookup",
        "mount_loops" => "closed-form or per-mount",
        "watchers" => "a whole number of mountinfo watchers, 0 or more",
        "watcher_rate_limit" => "BURST/INTERVAL such as 5/1s, or none",
        "propagation" => "private or shared",
        "wake_balance" => "on or off",
        "service_namespaces" => "a whole number of the host's own namespaces that are slaves of its root, 0 or more",
        "deadline" => "a duration such as 30s",
        "base_mounts" => "a whole number of host mounts before the burst, 0 or more",
        "host_threads" => "a whole number of threads on the host before the burst, 0 or more",
        "container_threads" => "a whole number of threads each start adds to the host, 0 or more",
        "health_probes" => "a whole number of health probe threads, 0 or more",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a scenario field"),
    };

    /// <summary>A field as an axis or legend names it, with its unit.</summary>
    public static string Label(string field) => field switch
    {
        "containers" => "container starts in the burst",
        "layers" => "image layers",
        "path_walks" => "background lookups per second per CPU",
        "sockets" => "sockets",
        "concurrency" => "starts in flight (limit)",
        "watchers" => "mountinfo watchers",
        "base_mounts" => "host mounts before the burst",
        "host_threads" => "threads on the host before the burst",
        "container_threads" => "threads each start adds",
        "health_probes" => "health probe threads",
        "deadline" => "start deadline",
        _ => field.Replace('_', ' '),
    };

    /// <summary>How a value shows in tables and plot legends: the scalar, or an inline definition's name.</summary>
    public static string Display(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode n => n.Value ?? "inline",
        _ => "inline",
    };

    /// <summary>
    /// The scenario these field values describe. <paramref name="values"/> maps each field given to its
    /// node and the path errors name; files are relative to <paramref name="baseDirectory"/>.
    /// <paramref name="sources"/>, the scenario's <c>sources:</c> mapping, gives its assumptions their ranges.
    /// </summary>
    /// <exception cref="InputFileException">A value is malformed, names nothing, or makes an impossible scenario; a source or range does not fit its field.</exception>
    internal static Scenario Build(IReadOnlyDictionary<string, (YamlNode Node, string Path)> values, YamlSource source, string baseDirectory, (YamlNode Node, string Path)? sources = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(source);
        T Field<T>(string field, Func<YamlNode, string, T> read, T otherwise) =>
            values.TryGetValue(field, out var v) ? Guard(source, v.Node, v.Path, field, () => read(v.Node, v.Path)) : otherwise;
        string Text(YamlNode node, string path) => source.String(node, path);
        string File(string text) => ShippedFiles.IsPath(text) && !Path.IsPathRooted(text) ? Path.Combine(baseDirectory, text) : text;

        var kernel = Field("kernel", (node, path) => node is YamlMappingNode ? KernelProfileYamlReader.Read(source, node) : KernelProfileLibrary.Resolve(File(Text(node, path))), KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName));
        if (!values.ContainsKey("topology"))
        {
            throw source.Error(1, 1, "scenario.topology", "missing; expected " + Expected("topology"));
        }

        var topology = Field("topology", (node, path) => TopologyLibrary.Resolve(File(Text(node, path)), TopologyLibrary.Find(baseDirectory) ?? TopologyLibrary.Find()), null!);
        var smtOff = Field("smt", (node, path) => OnOff(source, node, path), false);
        var sockets = Field<int?>("sockets", (node, path) => source.Int(node, path, 1), null);
        var strategy = Field("strategy", (node, path) => node is YamlMappingNode ? MountStrategyYamlReader.Read(source, node, kernel) : MountStrategyLibrary.Resolve(File(Text(node, path)), kernel), MountStrategyLibrary.Load("per-layer", kernel));
        var runtime = Field("runtime", (node, path) => RuntimeProfileLibrary.Resolve(File(Text(node, path)), kernel), RuntimeProfileLibrary.Load(RuntimeProfileLibrary.DefaultName, kernel));
        var probes = Field("health_probes", (node, path) => source.Int(node, path, 0, Scenario.MaxWatchers), new HealthProbeSettings().Probes);

        var scenario = new Scenario
        {
            Topology = Guard(source, values.GetValueOrDefault("smt").Node ?? values["topology"].Node, "scenario.smt", "smt", () => topology.With(new TopologyOverrides(smtOff, sockets))),
            Kernel = kernel,
            Strategy = strategy,
            Runtime = runtime,
            Containers = Field("containers", (node, path) => source.Int(node, path, 1, Scenario.MaxContainers), 100),
            Layers = Field("layers", (node, path) => DistributionSyntax.Parse(Text(node, path)), Distribution.Constant(50)),
            Arrivals = Field("arrivals", (node, path) => ArrivalPattern.Parse(Text(node, path)), ArrivalPattern.Burst),
            Concurrency = Field<int?>("concurrency", (node, path) => source.Int(node, path, 1, Scenario.MaxContainers), null),
            Placement = Field("placement", (node, path) => PlacementPolicy.Parse(Text(node, path)), PlacementPolicy.Spread),
            PathWalksPerCpuPerSecond = Field("path_walks", (node, path) => source.Number(node, path, 0, Scenario.MaxPathWalksPerCpuPerSecond), Scenario.DefaultPathWalksPerCpuPerSecond),
            PathWalkMode = Field("path_walk_mode", (node, path) => Choice(source, node, path, "closed-form", "per-lookup") == "per-lookup" ? PathWalkMode.PerLookup : PathWalkMode.ClosedForm, PathWalkMode.ClosedForm),
            MountLoops = Field("mount_loops", (node, path) => Choice(source, node, path, "closed-form", "per-mount") == "per-mount" ? MountLoopMode.PerMount : MountLoopMode.ClosedForm, Scenario.DefaultMountLoops),
            MountinfoWatchers = Field("watchers", (node, path) => source.Int(node, path, 0, Scenario.MaxWatchers), 1),
            MountinfoWatcherRateLimit = Field("watcher_rate_limit", (node, path) => WatcherRateLimit.Parse(Text(node, path)), WatcherRateLimit.Systemd),
            PropagatesToContainers = Field("propagation", (node, path) => Choice(source, node, path, "private", "shared") == "shared", false),
            ServiceNamespaces = Field("service_namespaces", (node, path) => source.Int(node, path, 0, Scenario.MaxMounts), 0),
            WakeBalance = Field("wake_balance", (node, path) => Choice(source, node, path, "on", "off") == "on", true),
            DeadlineNs = Field("deadline", (node, path) => source.DurationNs(node, path), 30e9),
            BaseMounts = Field("base_mounts", (node, path) => source.Int(node, path, 0, Scenario.MaxMounts), Scenario.DefaultBaseMounts),
            HostThreads = Field("host_threads", (node, path) => source.Int(node, path, 0, Scenario.MaxThreads), Scenario.DefaultHostThreads),
            ContainerThreads = Field("container_threads", (node, path) => source.Int(node, path, 0, Scenario.MaxThreads), Scenario.DefaultContainerThreads),
            HealthProbes = probes == 0 ? HealthProbeSettings.None : new HealthProbeSettings(Probes: probes),
        };

        if (scenario.Problems().FirstOrDefault() is { } problem)
        {
            var field = problem[..problem.IndexOf(':', StringComparison.Ordinal)].Replace(' ', '_');
            var at = values.TryGetValue(field, out var v) ? v : values["topology"];
            throw source.Error(at.Node, at.Path, problem[(problem.IndexOf(':', StringComparison.Ordinal) + 2)..]);
        }

        var assumptions = sources is { } cited ? Assumptions(source, cited.Node, cited.Path, scenario) : [];
        var citedFields = sources is { Node: YamlMappingNode mapping } ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToHashSet(StringComparer.Ordinal) : [];

        // A field left at its default carries the default's range, unless the file cites the field itself.
        var defaults = DefaultAssumptions.Value;
        assumptions.AddRange(Assumptions(defaults.Source, defaults.Node, defaults.Path, scenario, field => !values.ContainsKey(field) && !citedFields.Contains(field)));
        return assumptions.Count > 0 ? scenario with { Assumptions = assumptions } : scenario;
    }

    /// <summary>
    /// The shipped <c>experiments/assumptions/defaults.yaml</c>: where the scenario's default assumptions come from,
    /// and their ranges; read once, checked against each scenario that runs with them.
    /// </summary>
    private static readonly Lazy<(YamlSource Source, YamlNode Node, string Path)> DefaultAssumptions = new(() =>
    {
        var shipped = new ShippedFiles("assumptions");
        var source = new YamlSource(shipped.FileOf("defaults"));
        var root = source.Map(source.ParseRoot(shipped.Text("defaults"), "sources: of the scenario's default assumptions"), string.Empty, [SourcesKey]);
        return (source, root.Required(SourcesKey, "the default assumptions' sources"), SourcesKey);
    });

    /// <summary>
    /// Rejects a range on a field that varies between configurations (a sweep axis, a plan's candidates): each
    /// configuration gives it its own value, so no one range can hold them all.
    /// </summary>
    /// <exception cref="InputFileException">A swept field has a source.</exception>
    internal static void CheckNotSwept(YamlSource source, (YamlNode Node, string Path)? sources, IEnumerable<string> swept)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (sources is not { Node: YamlMappingNode mapping } cited)
        {
            return;
        }

        var varying = swept.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } field } && varying.Contains(field))
            {
                throw source.Error(key, YamlSource.Join(cited.Path, field), $"'{field}' is swept, so each configuration gives its own value; a range belongs to a field the scenario fixes");
            }
        }
    }

    /// <summary>The scenario's <c>sources:</c> read: each key a field among <see cref="ScenarioFigures.Names"/>, each range checked against the field and its value in <paramref name="scenario"/> (given or the default).</summary>
    /// <param name="include">The fields whose entries count; null: all.</param>
    private static List<UncertainFigure> Assumptions(YamlSource source, YamlNode node, string path, Scenario scenario, Func<string, bool>? include = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw source.Error(node, path, $"expected a mapping of field: citation or {{source, range, why}}, got {YamlSource.Describe(node)}");
        }

        var figures = new List<UncertainFigure>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var field = keyNode is YamlScalarNode { Value: { } text } ? text : string.Empty;
            var fieldPath = YamlSource.Join(path, field);
            if (!ScenarioFigures.Names.Contains(field))
            {
                throw source.Error(keyNode, fieldPath, $"'{field}' is not an assumption of the scenario{Suggestions.DidYouMean(field, ScenarioFigures.Names)}; sources here cite {string.Join(", ", ScenarioFigures.Names)}");
            }

            if (include?.Invoke(field) == false)
            {
                continue;
            }

            var entry = SourceEntry.Read(source, valueNode, fieldPath);
            if (entry.HasRange)
            {
                figures.Add(entry.Uncertain(FigureHome.Scenario, field, ScenarioFigures.Domain(field), ScenarioFigures.Value(scenario, field)));
            }
        }

        return figures;
    }

    private static bool OnOff(YamlSource source, YamlNode node, string path) => Choice(source, node, path, "on", "off") == "off";

    private static string Choice(YamlSource source, YamlNode node, string path, params string[] choices)
    {
        var text = source.String(node, path);
        return choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw source.Error(node, path, $"expected {string.Join(" or ", choices)}, got '{text}'");
    }

    /// <summary>Turns the resolvers' own exceptions into errors at the value's position.</summary>
    private static T Guard<T>(YamlSource source, YamlNode node, string path, string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is UnknownNameException or UnknownTopologyException or FormatException or ArgumentException)
        {
            throw source.Error(node, path, $"{e.Message.TrimEnd('.')}; expected {Expected(field)}");
        }
    }
}
