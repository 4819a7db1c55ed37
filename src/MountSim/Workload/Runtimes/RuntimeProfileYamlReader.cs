using System.Collections.Immutable;
using System.Globalization;
using MountSim.Kernel.Profiles;
using MountSim.Text;
using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Workload.Runtimes;

/// <summary>
/// Reads a runtime profile (schema in experiments/runtimes/README.md). Syscalls are checked against the
/// kernel profile's recipes; <c>include:</c> splices another runtime's phases in (a stack: containerd, then runc).
/// </summary>
public static class RuntimeProfileYamlReader
{
    private static readonly string[] RootKeys = ["name", "description", "version", "phases"];

    private static readonly string[] PhaseKeys = ["name", "description", "steps"];

    private static readonly string[] StepKinds = ["cpu", "syscall", "mountinfo", "passes"];

    private static readonly string[] StepKeys = [.. StepKinds, "times", "source"];

    /// <summary>What a range for a step's work or per-line parsing may span: no time up to a day.</summary>
    private static readonly FigureDomain StepDomain = new(FigureUnit.Duration, 0, YamlSource.MaxDurationNs);

    /// <summary>How deep includes may nest: a stack is a few runtimes, never a loop.</summary>
    private const int MaxIncludeDepth = 8;

    /// <exception cref="InputFileException">The file cannot be read or is not a valid runtime profile.</exception>
    public static RuntimeProfile Load(string path, KernelProfile kernel)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(new YamlSource(path).ReadAllText(), path, kernel);
    }

    /// <exception cref="InputFileException">The text is not a valid runtime profile.</exception>
    public static RuntimeProfile Parse(string yaml, string file, KernelProfile kernel) => Parse(yaml, file, kernel, depth: 0);

    private static RuntimeProfile Parse(string yaml, string file, KernelProfile kernel, int depth)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(kernel);
        var source = new YamlSource(file);
        var root = source.Map(source.ParseRoot(yaml, "a runtime profile (name:, phases:)"), string.Empty, RootKeys);
        var name = source.String(root.Required("name", "the runtime's name, e.g. runc-1.1"), "name");
        var description = root.Optional("description") is { } d ? source.String(d, "description") : string.Empty;
        var version = root.Optional("version") is { } v ? source.String(v, "version") : string.Empty;
        var phasesNode = root.Required("phases", "a list of phases, each with name: and steps:, or include: another runtime");
        var phases = ImmutableArray.CreateBuilder<RuntimePhase>();
        var sources = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var figures = ImmutableArray.CreateBuilder<UncertainFigure>();
        foreach (var (node, i) in source.Sequence(phasesNode, "phases", "phases").Select((n, i) => (n, i)))
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"phases[{i}]");
            if (node is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("include")))
            {
                var map = source.Map(node, field, ["include", "phases"]);
                var included = Include(source, map, file, kernel, depth);
                var wanted = map.Optional("phases") is { } only
                    ? source.Sequence(only, map.PathOf("phases"), "phase names").Select((p, k) => (Node: p, Name: source.String(p, string.Create(CultureInfo.InvariantCulture, $"{map.PathOf("phases")}[{k}]")))).ToList()
                    : [.. included.Phases.Select(p => ((YamlNode)map.Node, p.Name))];
                foreach (var (at, wantedName) in wanted)
                {
                    phases.Add(included.Phases.FirstOrDefault(p => p.Name == wantedName)
                        ?? throw source.Error(at, map.PathOf("phases"), $"runtime {included.Name} has no phase '{wantedName}'{Suggestions.DidYouMean(wantedName, included.Phases.Select(p => p.Name))}; it has {string.Join(", ", included.Phases.Select(p => p.Name))}"));
                }

                sources.AddRange(included.Sources.Where(s => !sources.ContainsKey(s.Key)));
                figures.AddRange(included.UncertainFigures.Where(f => RuntimeProfile.StepOf(f.Key) is { } step && wanted.Any(w => w.Name == step.Phase)));
                continue;
            }

            var phase = source.Map(node, field, PhaseKeys);
            var phaseName = source.String(phase.Required("name", "the phase's name, e.g. runc_create"), phase.PathOf("name"));
            if (phases.Any(p => p.Name == phaseName))
            {
                throw source.Error(node, phase.PathOf("name"), $"a second phase named '{phaseName}'; each phase needs its own name");
            }

            var stepsNode = phase.Required("steps", "a list of steps (cpu:, syscall:, mountinfo:, passes:)");
            var steps = source.Sequence(stepsNode, phase.PathOf("steps"), "steps")
                .Select((step, j) => Step(source, step, string.Create(CultureInfo.InvariantCulture, $"{phase.PathOf("steps")}[{j}]"), RuntimeProfile.StepKey(phaseName, j), kernel, sources, figures))
                .ToImmutableArray();
            phases.Add(new RuntimePhase(phaseName, phase.Optional("description") is { } pd ? source.String(pd, phase.PathOf("description")) : string.Empty, steps));
        }

        var placed = phases.SelectMany(p => p.Steps).OfType<StrategyPasses>().SelectMany(p => p.Names).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (placed is not null)
        {
            throw source.Error(phasesNode, "phases", $"the pass '{placed.Key}' is placed twice; a pass runs once per start");
        }

        return new RuntimeProfile(name, description, version, phases.ToImmutable(), sources.ToImmutable()) { UncertainFigures = figures.ToImmutable() };
    }

    private static RuntimeProfile Include(YamlSource source, YamlMap include, string file, KernelProfile kernel, int depth)
    {
        var node = include.Required("include", "a shipped runtime's name or a YAML file");
        var text = source.String(node, include.PathOf("include"));
        if (depth >= MaxIncludeDepth)
        {
            throw source.Error(node, include.PathOf("include"), $"includes nest deeper than {MaxIncludeDepth}: does '{text}' include itself?");
        }

        if (ShippedFiles.IsPath(text))
        {
            var path = Path.IsPathRooted(text) ? text : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", text);
            return Parse(new YamlSource(path).ReadAllText(), path, kernel, depth + 1);
        }

        try
        {
            return Parse(RuntimeProfileLibrary.Shipped.Text(text), RuntimeProfileLibrary.Shipped.FileOf(text), kernel, depth + 1);
        }
        catch (UnknownNameException e)
        {
            throw source.Error(node, include.PathOf("include"), e.Message);
        }
    }

    private static RuntimeStep Step(
        YamlSource source,
        YamlNode node,
        string field,
        string sourceKey,
        KernelProfile kernel,
        ImmutableDictionary<string, string>.Builder sources,
        ImmutableArray<UncertainFigure>.Builder figures)
    {
        var step = source.Map(node, field, StepKeys);
        var kinds = StepKinds.Where(step.Has).ToList();
        if (kinds.Count != 1)
        {
            throw source.Error(node, field, $"expected exactly one of {string.Join(", ", StepKinds.Select(k => k + ":"))}, got {(kinds.Count == 0 ? "none" : string.Join(" and ", kinds))}");
        }

        // A runtime repeats a step per mount it makes or file it reads: thousands at most.
        var times = step.Optional("times") is { } t ? source.Int(t, step.PathOf("times"), 1, 10_000) : 1;
        var entry = step.Optional("source") is { } s ? SourceEntry.Read(source, s, step.PathOf("source")) : null;
        var kind = kinds[0];
        var value = step.Required(kind, kind);
        var path = step.PathOf(kind);
        RuntimeStep result = kind switch
        {
            "cpu" => new UserspaceWork(source.DurationNs(value, path), times),
            "mountinfo" => kernel.HasRecipe(MountTableRead.Recipe)
                ? new MountTableRead(source.DurationNs(value, path), times)
                : throw source.Error(value, path, $"kernel profile {kernel.Name} has no {MountTableRead.Recipe} recipe to read the table with"),
            "syscall" => Syscall(source, value, path, kernel, times),
            _ => times == 1
                ? new StrategyPasses([.. source.Sequence(value, path, "pass names").Select((p, k) => source.String(p, string.Create(CultureInfo.InvariantCulture, $"{path}[{k}]")))])
                : throw source.Error(node, step.PathOf("times"), "a strategy's passes run once per start; remove times:"),
        };
        if (entry is not null)
        {
            sources[sourceKey] = entry.Text;
            if (entry.HasRange)
            {
                figures.Add(result switch
                {
                    UserspaceWork work => entry.Uncertain(FigureHome.RuntimeProfile, sourceKey, StepDomain, work.Ns),
                    MountTableRead read => entry.Uncertain(FigureHome.RuntimeProfile, sourceKey, StepDomain, read.ParseNsPerLine),
                    RuntimeSyscall => throw entry.NotANumber(sourceKey, "is a syscall, whose costs are the kernel profile's recipe's"),
                    _ => throw entry.NotANumber(sourceKey, "places the strategy's passes, which have no figure of their own"),
                });
            }
        }

        return result;
    }

    private static RuntimeSyscall Syscall(YamlSource source, YamlNode node, string field, KernelProfile kernel, int times)
    {
        var recipe = source.String(node, field);
        return kernel.HasRecipe(recipe)
            ? new RuntimeSyscall(recipe, times)
            : throw source.Error(node, field, kernel.UnknownRecipe(recipe));
    }
}
