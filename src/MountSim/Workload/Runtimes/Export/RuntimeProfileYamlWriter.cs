using System.Globalization;
using System.Text;
using MountSim.Text;

namespace MountSim.Workload.Runtimes.Export;

/// <summary>A runtime profile as the YAML its reader takes (what calibrate writes after fitting one).</summary>
public static class RuntimeProfileYamlWriter
{
    public static string ToYaml(RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"name: {Quoted(runtime.Name)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"version: {Quoted(runtime.Version)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"description: {Quoted(runtime.Description)}");
        yaml.AppendLine("phases:");
        foreach (var phase in runtime.Phases)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - name: {Quoted(phase.Name)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    description: {Quoted(phase.Description)}");
            yaml.AppendLine("    steps:");
            var fitted = runtime.Sources.GetValueOrDefault($"phases.{phase.Name}");
            for (var i = 0; i < phase.Steps.Length; i++)
            {
                var step = phase.Steps[i];
                yaml.AppendLine(CultureInfo.InvariantCulture, $"      - {Step(step)}");
                if (step.Times != 1)
                {
                    yaml.AppendLine(CultureInfo.InvariantCulture, $"        times: {step.Times}");
                }

                var source = runtime.Sources.GetValueOrDefault(string.Create(CultureInfo.InvariantCulture, $"phases.{phase.Name}.steps[{i}]"));
                if (fitted is not null && step is UserspaceWork or MountTableRead)
                {
                    source = source is null ? fitted : $"{fitted} (was: {source})";
                }

                var uncertain = runtime.UncertainFigures.FirstOrDefault(f => f.Key == RuntimeProfile.StepKey(phase.Name, i));
                if (source is not null)
                {
                    yaml.AppendLine(CultureInfo.InvariantCulture, $"        source: {uncertain?.ToYamlEntry(source, Quoted) ?? Quoted(source)}");
                }
            }
        }

        return yaml.ToString();
    }

    private static string Step(RuntimeStep step) => step switch
    {
        UserspaceWork work => $"cpu: {Durations.Format(work.Ns)}",
        RuntimeSyscall call => $"syscall: {call.Recipe}",
        MountTableRead read => $"mountinfo: {Durations.Format(read.ParseNsPerLine)}",
        StrategyPasses passes => $"passes: [{string.Join(", ", passes.Names)}]",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
