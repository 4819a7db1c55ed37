using MountSim.Yaml;
using YamlDotNet.RepresentationModel;

namespace MountSim.Kernel.Profiles;

/// <summary>
/// Reads the parameter changes an experiment gives next to its kernel profile, e.g.
/// <c>{rcu_gp_expedited: 40us}</c>, with the same positioned errors as profile files.
/// </summary>
public static class KernelProfileOverridesYamlReader
{
    /// <param name="node">The overrides mapping.</param>
    /// <param name="file">The file errors report; also the source the changed parameters cite.</param>
    /// <param name="field">The mapping's dotted path in that file, e.g. <c>kernel.parameters</c>.</param>
    /// <param name="profile">The profile to change.</param>
    /// <exception cref="InputFileException">Unknown parameter, or a value of the wrong kind.</exception>
    public static KernelProfile Read(YamlNode node, string file, string field, KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(profile);
        var source = new YamlSource(file);
        var map = source.Map(node, field, [.. KernelParameters.Definitions.Select(d => d.Key)]);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var definition in KernelParameters.Definitions)
        {
            if (map.Optional(definition.Key) is { } valueNode)
            {
                values[definition.Key] = KernelProfileYamlReader.ParameterValue(source, definition, valueNode, map.PathOf(definition.Key));
            }
        }

        return profile.WithParameters(values, $"{file}: {field}");
    }
}
