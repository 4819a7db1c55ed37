using System.Globalization;
using System.Numerics;
using MountSim.Experiments;
using MountSim.Text;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Sensitivity.Studies;

/// <summary>Reads a sensitivity file (schema in experiments/sensitivity/README.md); every error names the file, line, column and field.</summary>
public static class SensitivityYamlReader
{
    private static readonly string[] RootKeys = ["name", "description", "seed", "output", "scenario", "sweep", "outputs", "vary", "morris", "sobol"];
    private static readonly string[] MorrisKeys = ["trajectories", "levels"];
    private static readonly string[] SobolKeys = ["keep", "base_samples", "bootstrap", "confidence"];

    /// <summary>Defaults sized so the shipped incident study runs in minutes on two cores (README there says why).</summary>
    public const int DefaultTrajectories = 6;

    public const int DefaultKeep = 4;

    public const int DefaultBaseSamples = 16;

    public const int DefaultBootstrap = 1000;

    /// <exception cref="InputFileException">The file cannot be read or is not a valid sensitivity study.</exception>
    public static SensitivityStudy Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(new YamlSource(path).ReadAllText(), path);
    }

    /// <exception cref="InputFileException">The text is not a valid sensitivity study.</exception>
    public static SensitivityStudy Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var source = new YamlSource(file);
        var root = source.Map(source.ParseRoot(yaml, "a sensitivity study (name:, scenario:, outputs:, vary:, ...)"), string.Empty, RootKeys);
        var name = source.String(root.Required("name", "the study's name, e.g. incident-sensitivity"), "name");
        var (baseFields, grid, zip, baseSources) = ExperimentYamlReader.ScenarioAndSweep(source, root, "sweep");

        var outputsNode = root.Required("outputs", "metric names, e.g. [start_latency_p99_ms, failed_starts]");
        var outputs = source.Sequence(outputsNode, "outputs", "metric names")
            .Select((node, i) => ExperimentYamlReader.MetricName(source, node, Invariant($"outputs[{i}]"))).ToList();
        if (outputs.Count == 0)
        {
            throw source.Error(outputsNode, "outputs", "expected at least one metric name; metrics: " + string.Join(", ", MetricCatalog.Names));
        }

        if (outputs.GroupBy(o => o, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw source.Error(outputsNode, "outputs", $"'{twice.Key}' is named twice; expected each metric once");
        }

        var sweep = ExperimentYamlReader.Configurations(yaml, file, name, (baseFields, grid, zip, baseSources));
        var configurations = sweep.Configurations;
        var vary = root.Optional("vary") is { } varyNode ? Vary(source, varyNode, configurations) : null;
        if (vary is null && configurations.FirstOrDefault(c => !c.Scenario.UncertainFigures.Any(f => f.Low < f.High)) is { } bare)
        {
            throw source.Error(root.Optional("vary") ?? root.Node, "vary", $"{bare.Describe()} has no uncertain figure with a range; give its files ranges (or scenario: sources:)");
        }

        var morris = root.Optional("morris") is { } m ? source.Map(m, "morris", MorrisKeys) : null;
        var sobol = root.Optional("sobol") is { } so ? source.Map(so, "sobol", SobolKeys) : null;
        var levels = morris?.Optional("levels") is { } l ? source.Int(l, "morris.levels", 2, 100) : MorrisDesign.DefaultLevels;
        if (levels % 2 != 0)
        {
            throw source.Error(morris!.Optional("levels")!, "morris.levels", Invariant($"expected an even number (Morris's step p / (2(p - 1)) lands on the grid only then), got {levels}"));
        }

        var baseSamples = sobol?.Optional("base_samples") is { } n ? source.Int(n, "sobol.base_samples", SaltelliDesign.MinBaseSamples, 1 << 20) : DefaultBaseSamples;
        if (!BitOperations.IsPow2(baseSamples))
        {
            throw source.Error(sobol!.Optional("base_samples")!, "sobol.base_samples", Invariant($"expected a power of two (where the Sobol' sequence is balanced), got {baseSamples}; {(int)BitOperations.RoundUpToPowerOf2((uint)baseSamples) / 2} or {(int)BitOperations.RoundUpToPowerOf2((uint)baseSamples)} would do"));
        }

        var header = ExperimentYamlReader.StudyHeader(source, root, "study");
        return new SensitivityStudy
        {
            Name = name,
            Description = header.Description,
            File = file,
            Text = yaml,
            Seed = header.Seed,
            Output = header.Output,
            Configurations = configurations,
            ConfigurationFields = sweep.Experiment.SweptFields,
            Outputs = [.. outputs.Select(MetricCatalog.Find)],
            Vary = vary,
            Trajectories = morris?.Optional("trajectories") is { } r ? source.Int(r, "morris.trajectories", MorrisDesign.MinTrajectories, 1000) : DefaultTrajectories,
            Levels = levels,
            Keep = sobol?.Optional("keep") is { } k ? source.Int(k, "sobol.keep", 1, SaltelliDesign.MaxFactors) : DefaultKeep,
            BaseSamples = baseSamples,
            Bootstrap = new Bootstrap(
                sobol?.Optional("bootstrap") is { } b ? source.Int(b, "sobol.bootstrap", 2, 100_000) : DefaultBootstrap,
                sobol?.Optional("confidence") is { } c ? source.Number(c, "sobol.confidence", 0.5, 0.999) : 0.95),
        };
    }

    /// <summary><c>all</c> (null) or a list of figures, each an uncertain figure with a range in every configuration.</summary>
    private static List<FigureId>? Vary(YamlSource source, YamlNode node, IReadOnlyList<Configuration> configurations)
    {
        if (node is YamlScalarNode { Value: "all" })
        {
            return null;
        }

        var nodes = node is YamlSequenceNode ? source.Sequence(node, "vary", "figures such as topology:smt_slowdown") : throw source.Error(node, "vary", "expected all or a list of figures such as [topology:smt_slowdown, scenario:path_walks]");
        if (nodes.Count == 0)
        {
            throw source.Error(node, "vary", "expected at least one figure (or all)");
        }

        var figures = new List<FigureId>();
        foreach (var (item, i) in nodes.Select((n, i) => (n, i)))
        {
            var field = Invariant($"vary[{i}]");
            var text = source.String(item, field);
            var id = FigureNames.Parse(text) ?? throw source.Error(item, field, $"expected a figure as HOME:KEY ({FigureNames.Prefixes}), got '{text}'");
            foreach (var configuration in configurations)
            {
                var known = configuration.Scenario.UncertainFigures.Where(f => f.Low < f.High).Select(f => FigureNames.Of(f.Id)).ToList();
                if (configuration.Scenario.UncertainFigures.FirstOrDefault(f => f.Id == id) is not { } figure)
                {
                    var where = configurations.Count == 1 ? "the scenario" : configuration.Describe();
                    throw source.Error(item, field, $"{where} has no uncertain figure '{FigureNames.Of(id)}'{Suggestions.DidYouMean(FigureNames.Of(id), known)}; expected one of {string.Join(", ", known)}");
                }

                if (!(figure.Low < figure.High))
                {
                    throw source.Error(item, field, $"'{FigureNames.Of(id)}' has no width ({figure.Describe()}): there is nothing to vary");
                }
            }

            figures.Add(figures.Contains(id) ? throw source.Error(item, field, $"'{FigureNames.Of(id)}' is named twice; expected each figure once") : id);
        }

        return figures;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
