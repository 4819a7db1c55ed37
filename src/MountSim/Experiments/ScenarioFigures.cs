using MountSim.Yaml;

namespace MountSim.Experiments;

/// <summary>
/// The scenario's own figures that are assumptions rather than choices (how busy the host is, what it runs
/// beside the burst) and so may carry a range: given in the <c>sources:</c> of the file whose scenario uses
/// them (an experiment's or a plan's <c>scenario:</c>), never in code. Each with what the scenario field accepts.
/// </summary>
public static class ScenarioFigures
{
    /// <summary>The fields that may carry a range, as experiment files name them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["path_walks", "watchers", "service_namespaces", "base_mounts", "host_threads", "container_threads"];

    /// <summary>What the field accepts: a range given for it stays inside.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The field is not one of <see cref="Names"/>.</exception>
    public static FigureDomain Domain(string field) => field switch
    {
        "path_walks" => new(FigureUnit.Number, 0, Scenario.MaxPathWalksPerCpuPerSecond),
        "watchers" => new(FigureUnit.WholeNumber, 0, Scenario.MaxWatchers),
        "service_namespaces" or "base_mounts" => new(FigureUnit.WholeNumber, 0, Scenario.MaxMounts),
        "host_threads" or "container_threads" => new(FigureUnit.WholeNumber, 0, Scenario.MaxThreads),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a scenario figure"),
    };

    /// <summary>The field's value in <paramref name="scenario"/>.</summary>
    public static double Value(Scenario scenario, string field)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return field switch
        {
            "path_walks" => scenario.PathWalksPerCpuPerSecond,
            "watchers" => scenario.MountinfoWatchers,
            "service_namespaces" => scenario.ServiceNamespaces,
            "base_mounts" => scenario.BaseMounts,
            "host_threads" => scenario.HostThreads,
            "container_threads" => scenario.ContainerThreads,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a scenario figure"),
        };
    }

    /// <summary><paramref name="scenario"/> with the field set to <paramref name="value"/> (a whole number where the field counts).</summary>
    internal static Scenario With(Scenario scenario, string field, double value) => field switch
    {
        "path_walks" => scenario with { PathWalksPerCpuPerSecond = value },
        "watchers" => scenario with { MountinfoWatchers = (int)value },
        "service_namespaces" => scenario with { ServiceNamespaces = (int)value },
        "base_mounts" => scenario with { BaseMounts = (int)value },
        "host_threads" => scenario with { HostThreads = (int)value },
        "container_threads" => scenario with { ContainerThreads = (int)value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a scenario figure"),
    };
}
