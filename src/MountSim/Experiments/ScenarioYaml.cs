using MountSim.Yaml;

namespace MountSim.Experiments;

/// <summary>
/// A scenario written as an experiment's <c>scenario:</c> mapping, for scripts and notebooks: the same fields,
/// defaults and positioned errors as experiment files, e.g. <c>ScenarioYaml.Parse("{topology: aws-r5.metal, containers: 200}")</c>,
/// and the same <c>sources:</c> for the ranges of its assumptions.
/// </summary>
public static class ScenarioYaml
{
    /// <param name="yaml">A mapping of scenario fields (experiments/README.md's table).</param>
    /// <param name="directory">Where files the fields name are found; the current directory by default.</param>
    /// <exception cref="InputFileException">A field is unknown or malformed, names nothing, or makes an impossible scenario.</exception>
    public static Scenario Parse(string yaml, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var source = new YamlSource("scenario");
        var map = source.Map(source.ParseRoot(yaml, "a mapping of scenario fields (topology:, containers:, ...)"), string.Empty, ScenarioFields.MappingKeys);
        var fields = ScenarioFields.Names.Where(map.Has).ToDictionary(f => f, f => (map.Optional(f)!, map.PathOf(f)), StringComparer.Ordinal);
        return ScenarioFields.Build(fields, source, directory ?? Directory.GetCurrentDirectory(), ExperimentYamlReader.BaseSources(map));
    }
}
