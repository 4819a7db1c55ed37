using System.Globalization;
using MountSim.Text;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Experiments;

/// <summary>Reads an experiment file (schema in experiments/README.md); every error names the file, line, column and field.</summary>
public static class ExperimentYamlReader
{
    private static readonly string[] RootKeys = ["name", "description", "seed", "replications", "output", "scenario", "sweep", "metrics", "plots", "stop_when", "uncertainty"];
    private static readonly string[] SweepKeys = ["grid", "zip"];
    private static readonly string[] PlotKinds = ["line", "cdf", "cpu_time", "heatmap"];

    /// <exception cref="InputFileException">The file cannot be read or is not a valid experiment.</exception>
    public static Experiment Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(new YamlSource(path).ReadAllText(), path);
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="file">The file's path: errors name it, and relative files in it are found from its folder.</param>
    /// <exception cref="InputFileException">The text is not a valid experiment.</exception>
    public static Experiment Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var source = new YamlSource(file);
        var root = source.Map(source.ParseRoot(yaml, "an experiment (name:, scenario:, sweep:, ...)"), string.Empty, RootKeys);
        var name = source.String(root.Required("name", "the experiment's name, e.g. mount-mayhem"), "name");

        var (baseFields, grid, zip, baseSources) = ScenarioAndSweep(source, root, "sweep");
        var swept = grid.Concat(zip).ToDictionary(a => a.Field, StringComparer.Ordinal);

        var plots = root.Optional("plots") is { } plotsNode
            ? [.. source.Sequence(plotsNode, "plots", "plots").Select((node, i) => Plot(source, node, Invariant($"plots[{i}]"), swept))]
            : new List<PlotSpec>();
        var metricNames = root.Optional("metrics") is { } metricsNode
            ? [.. source.Sequence(metricsNode, "metrics", "metric names").Select((node, i) => MetricName(source, node, Invariant($"metrics[{i}]")))]
            : MetricCatalog.Defaults.ToList();
        if (metricNames.Count == 0)
        {
            throw source.Error(root.Optional("metrics")!, "metrics", "expected at least one metric name; metrics: " + string.Join(", ", MetricCatalog.Names));
        }

        var replications = root.Optional("replications") is { } r ? source.Int(r, "replications", 1) : 3;
        var samples = root.Optional("uncertainty") is { } u ? UncertaintySamples(source, u) : 0;
        CheckRunCount(source, root, grid, zip, replications, samples);
        var header = StudyHeader(source, root, "experiment");
        return new Experiment
        {
            Name = name,
            Description = header.Description,
            File = file,
            Text = yaml,
            Seed = header.Seed,
            Replications = replications,
            Output = header.Output,
            Grid = grid,
            Zip = zip,
            Metrics = [.. metricNames.Concat(plots.SelectMany(p => p.Metrics)).Distinct(StringComparer.Ordinal).Select(MetricCatalog.Find)],
            Plots = plots,
            StopWhen = root.Optional("stop_when") is { } stops ? StopWhen(source, stops) : [],
            UncertaintySamples = samples,
            UncertaintyAt = root.Optional("uncertainty") is { } at ? (at, "uncertainty") : null,
            Base = baseFields,
            BaseSources = baseSources,
        };
    }

    /// <summary>
    /// <c>uncertainty: {samples: K}</c>: at least <see cref="MinUncertaintySamples"/>, so that a band's 5% and 95%
    /// quantiles are not simply its lowest and highest sample.
    /// </summary>
    private static int UncertaintySamples(YamlSource source, YamlNode node)
    {
        var map = source.Map(node, "uncertainty", ["samples"]);
        return source.Int(map.Required("samples", Invariant($"the number of Latin-hypercube samples of the uncertain figures per configuration, e.g. {MinUncertaintySamples}")), "uncertainty.samples", MinUncertaintySamples);
    }

    /// <summary>The fewest uncertainty samples a configuration may have.</summary>
    public const int MinUncertaintySamples = 20;

    private static List<MetricCondition> StopWhen(YamlSource source, YamlNode node)
    {
        var nodes = node is YamlSequenceNode ? source.Sequence(node, "stop_when", "conditions such as start_latency_p99_ms > 30000").Select((n, i) => (n, Invariant($"stop_when[{i}]"))).ToList() : [(node, "stop_when")];
        return [.. nodes.Select(n =>
        {
            var condition = Condition(source, n.Item1, n.Item2);
            return condition.CanBeCertainEarly
                ? condition
                : throw source.Error(n.Item1, n.Item2, $"'{condition}' is never certain before a run ends; a start-latency or failure metric with > or >= (e.g. start_latency_p99_ms > 30000) is");
        })];
    }

    /// <summary>A condition <c>METRIC OP NUMBER</c> over the metric catalog, its errors placed at <paramref name="node"/>.</summary>
    internal static MetricCondition Condition(YamlSource source, YamlNode node, string path)
    {
        var text = source.String(node, path);
        try
        {
            return MetricCondition.Parse(text);
        }
        catch (Exception e) when (e is FormatException or UnknownNameException)
        {
            throw source.Error(node, path, e.Message);
        }
    }

    /// <summary>
    /// What a study file says about itself beyond its name, read alike in experiments, plans and sensitivity studies:
    /// its description, its seed (default 42) and its results folder's name (output:, else its name);
    /// <paramref name="kind"/> names the file in messages.
    /// </summary>
    internal static (string Description, ulong Seed, string Output) StudyHeader(YamlSource source, YamlMap root, string kind) => (
        root.Optional("description") is { } d ? source.String(d, "description") : string.Empty,
        root.Optional("seed") is { } seed ? Seed(source, seed) : 42,
        root.Optional("output") is { } o
            ? FolderName(source, o, "output", string.Empty)
            : FolderName(source, root.Required("name", $"the {kind}'s name"), "name", $" (the results folder is named after the {kind} when output: is absent; give output: a folder name)"));

    /// <summary>
    /// The configurations another kind of file (a plan's candidates, a study's sweep) expands its scenario and sweep
    /// to, built and checked as an experiment's are: an experiment of that sweep that runs nothing.
    /// </summary>
    internal static ExperimentPlan Configurations(
        string yaml, string file, string name, (Dictionary<string, (YamlNode Node, string Path)> Base, List<SweepAxis> Grid, List<SweepAxis> Zip, (YamlNode Node, string Path)? BaseSources) sweep) =>
        ExperimentPlan.Build(new Experiment
        {
            Name = name,
            Description = string.Empty,
            File = file,
            Text = yaml,
            Seed = 0,
            Replications = 1,
            Output = name,
            Grid = sweep.Grid,
            Zip = sweep.Zip,
            Metrics = [],
            Plots = [],
            Base = sweep.Base,
            BaseSources = sweep.BaseSources,
        });

    /// <summary>
    /// A file's base scenario and its sweep (an experiment's <c>sweep:</c>, a plan's <c>candidates:</c>): the fields
    /// given, the axes, the <c>sources:</c> of its assumptions (not for a swept field), and a topology somewhere.
    /// </summary>
    /// <param name="check">Checks the base scenario before the sweep is read (a plan refuses the fields its probes set).</param>
    internal static (Dictionary<string, (YamlNode Node, string Path)> Base, List<SweepAxis> Grid, List<SweepAxis> Zip, (YamlNode Node, string Path)? BaseSources) ScenarioAndSweep(
        YamlSource source, YamlMap root, string sweepField, Action<YamlMap>? check = null)
    {
        var scenario = root.Optional("scenario") is { } s ? source.Map(s, "scenario", ScenarioFields.MappingKeys) : null;
        if (scenario is not null)
        {
            check?.Invoke(scenario);
        }

        var baseFields = ScenarioFields.Names
            .Where(f => scenario?.Has(f) == true)
            .ToDictionary(f => f, f => (scenario!.Optional(f)!, scenario.PathOf(f)), StringComparer.Ordinal);
        var (grid, zip) = root.Optional(sweepField) is { } sweepNode ? Sweep(source, sweepNode, sweepField) : ([], []);
        var baseSources = BaseSources(scenario);
        ScenarioFields.CheckNotSwept(source, baseSources, grid.Concat(zip).Select(a => a.Field));
        if (!baseFields.ContainsKey("topology") && !grid.Concat(zip).Any(a => a.Field == "topology"))
        {
            throw source.Error(scenario?.Node ?? root.Node, "scenario.topology", "missing; expected " + ScenarioFields.Expected("topology") + $" (in scenario: or on a{(sweepField == "sweep" ? " sweep" : " " + sweepField)} axis)");
        }

        return (baseFields, grid, zip, baseSources);
    }

    /// <summary>The <c>sources:</c> beside a base scenario's fields, with its path; null when there is none.</summary>
    internal static (YamlNode Node, string Path)? BaseSources(YamlMap? scenario) =>
        scenario?.Optional(ScenarioFields.SourcesKey) is { } node ? (node, scenario.PathOf(ScenarioFields.SourcesKey)) : null;

    /// <summary>
    /// Counts the runs before anything is built (a grid's product grows fast: ten axes of ten values are
    /// 10^10 configurations) and refuses more than <see cref="ExperimentPlan.MaxRuns"/>, in checked arithmetic.
    /// </summary>
    private static void CheckRunCount(YamlSource source, YamlMap root, List<SweepAxis> grid, List<SweepAxis> zip, int replications, int samples)
    {
        long configurations, runs;
        try
        {
            configurations = checked(grid.Aggregate(1L, (product, axis) => checked(product * axis.Values.Count)) * Math.Max(1, zip.FirstOrDefault()?.Values.Count ?? 1));
            runs = checked(configurations * (replications + samples));
        }
        catch (OverflowException)
        {
            (configurations, runs) = (long.MaxValue, long.MaxValue);
        }

        if (runs <= ExperimentPlan.MaxRuns)
        {
            return;
        }

        // Blame the sweep when it alone asks too much (or replications were left at their default), else the replications.
        var (node, field) = configurations > ExperimentPlan.MaxRuns || root.Optional("replications") is null
            ? (root.Optional("sweep")!, "sweep")
            : (root.Optional("replications")!, "replications");
        var asked = runs == long.MaxValue
            ? "more than 9.2 x 10^18 runs"
            : Invariant($"{configurations:N0} configuration{(configurations == 1 ? string.Empty : "s")} x {(samples > 0 ? Invariant($"({replications:N0} replications + {samples:N0} uncertainty samples)") : Invariant($"{replications:N0} replications"))} = {runs:N0} runs");
        throw source.Error(node, field, Invariant($"{asked}; at most {ExperimentPlan.MaxRuns:N0} runs in one experiment: sweep fewer values or split it into several files"));
    }

    /// <summary>A <c>grid:</c>/<c>zip:</c> mapping of scenario fields to lists, at <paramref name="field"/> (<c>sweep</c>, or a plan's <c>candidates</c>).</summary>
    internal static (List<SweepAxis> Grid, List<SweepAxis> Zip) Sweep(YamlSource source, YamlNode node, string field = "sweep")
    {
        var sweep = source.Map(node, field, SweepKeys);
        List<SweepAxis> Axes(string kind) => sweep.Optional(kind) is { } axesNode
            ? [.. source.Map(axesNode, sweep.PathOf(kind), ScenarioFields.Names).Node.Children.Select(entry =>
            {
                var field = ((YamlScalarNode)entry.Key).Value!;
                var path = YamlSource.Join(sweep.PathOf(kind), field);
                var values = source.Sequence(entry.Value, path, ScenarioFields.Expected(field));
                return values.Count > 0 ? new SweepAxis(field, values, path) : throw source.Error(entry.Value, path, "an empty sweep: expected at least one value");
            })]
            : [];

        var grid = Axes("grid");
        var zip = Axes("zip");
        if (grid.FirstOrDefault(g => zip.Any(z => z.Field == g.Field)) is { } both)
        {
            throw source.Error(zip.First(z => z.Field == both.Field).Values[0], YamlSource.Join(sweep.PathOf("zip"), both.Field), $"'{both.Field}' is swept in both grid and zip; expected it in one of them");
        }

        if (zip.Count > 1 && zip.FirstOrDefault(z => z.Values.Count != zip[0].Values.Count) is { } uneven)
        {
            throw source.Error(uneven.Values[0], uneven.Path, $"{uneven.Values.Count} values, but {zip[0].Field} has {zip[0].Values.Count}; expected zipped lists of equal length");
        }

        if (sweep.Has("grid") && grid.Count == 0 || sweep.Has("zip") && zip.Count == 0)
        {
            throw source.Error(node, field, "an empty sweep: expected at least one field with a list of values");
        }

        return (grid, zip);
    }

    private static PlotSpec Plot(YamlSource source, YamlNode node, string path, IReadOnlyDictionary<string, SweepAxis> swept)
    {
        var (kind, options) = source.Tagged(node, path, "a plot: line:, cdf:, cpu_time: or heatmap: with its options");
        if (!PlotKinds.Contains(kind))
        {
            throw source.Error(node, path, $"unknown plot '{kind}'{Suggestions.DidYouMean(kind, PlotKinds)}; expected one of {string.Join(", ", PlotKinds)}");
        }

        var field = YamlSource.Join(path, kind);
        string[] keys = kind switch
        {
            "line" => ["x", "y", "series", "log_x", "log_y", "where"],
            "cdf" => ["series", "log_x", "where"],
            "cpu_time" => ["x", "where"],
            _ => ["x", "y", "metric", "where"],
        };
        var map = source.Map(options ?? node, field, keys);
        string Swept(string key, string expected)
        {
            var value = map.Required(key, expected);
            var name = source.String(value, map.PathOf(key));
            return swept.ContainsKey(name)
                ? name
                : throw source.Error(value, map.PathOf(key), $"'{name}' is not swept{Suggestions.DidYouMean(name, swept.Keys)}; expected one of the swept fields: {(swept.Count == 0 ? "(none)" : string.Join(", ", swept.Keys))}");
        }

        string? OptionalSwept(string key) => map.Has(key) ? Swept(key, "a swept field") : null;
        bool Flag(string key) => map.Optional(key) is { } flag && source.String(flag, map.PathOf(key)) switch
        {
            "true" => true,
            "false" => false,
            var other => throw source.Error(flag, map.PathOf(key), $"expected true or false, got '{other}'"),
        };
        var where = map.Optional("where") is { } whereNode ? Where(source, whereNode, map.PathOf("where"), swept) : new Dictionary<string, string>();

        if (kind == "line" && map.Optional("x") is { } xNode && swept.TryGetValue(source.String(xNode, map.PathOf("x")), out var xAxis)
            && xAxis.Values.FirstOrDefault(v => !double.TryParse(ScenarioFields.Display(v), NumberStyles.Float, CultureInfo.InvariantCulture, out _)) is { } notNumber)
        {
            throw source.Error(xNode, map.PathOf("x"), $"'{xAxis.Field}' has the value '{ScenarioFields.Display(notNumber)}'; a line plot needs numbers on its x axis (use it as series:, or plot it with cpu_time: or heatmap:)");
        }

        return kind switch
        {
            "line" => new LinePlotSpec(Swept("x", "the swept field on the x axis"), MetricName(source, map.Required("y", "a metric name"), map.PathOf("y")), OptionalSwept("series"), Flag("log_x"), Flag("log_y"), where),
            "cdf" => new CdfPlotSpec(OptionalSwept("series"), Flag("log_x"), where),
            "cpu_time" => new CpuTimePlotSpec(Swept("x", "the swept field whose values make the bars"), where),
            _ => new HeatmapPlotSpec(Swept("x", "a swept field"), Swept("y", "another swept field"), MetricName(source, map.Required("metric", "a metric name"), map.PathOf("metric")), where),
        };
    }

    private static Dictionary<string, string> Where(YamlSource source, YamlNode node, string path, IReadOnlyDictionary<string, SweepAxis> swept)
    {
        var map = source.Map(node, path, [.. swept.Keys]);
        return map.Node.Children.ToDictionary(
            entry => ((YamlScalarNode)entry.Key).Value!,
            entry =>
            {
                var field = ((YamlScalarNode)entry.Key).Value!;
                var value = source.String(entry.Value, map.PathOf(field));
                var values = swept[field].Values.Select(ScenarioFields.Display).ToList();
                return values.Contains(value)
                    ? value
                    : throw source.Error(entry.Value, map.PathOf(field), $"'{value}' is not one of the swept values{Suggestions.DidYouMean(value, values)}: {string.Join(", ", values)}");
            },
            StringComparer.Ordinal);
    }

    internal static string MetricName(YamlSource source, YamlNode node, string path)
    {
        var name = source.String(node, path);
        return MetricCatalog.Names.Contains(name)
            ? name
            : throw source.Error(node, path, $"unknown metric '{name}'{Suggestions.DidYouMean(name, MetricCatalog.Names)}; metrics: {string.Join(", ", MetricCatalog.Names)}");
    }

    internal static ulong Seed(YamlSource source, YamlNode node)
    {
        var text = source.String(node, "seed");
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw source.Error(node, "seed", $"expected a whole number >= 0, got '{text}'");
    }

    /// <summary>A results folder's name from the file: one folder inside --out, never a path that leads elsewhere.</summary>
    internal static string FolderName(YamlSource source, YamlNode node, string field, string hint)
    {
        var text = source.String(node, field);
        return text.Length > 0 && text.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) < 0 && text is not ("." or "..")
            ? text
            : throw source.Error(node, field, $"expected a folder name (no slashes, not . or ..), got '{text}'{hint}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
