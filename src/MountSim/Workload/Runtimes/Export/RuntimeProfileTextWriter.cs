using System.Globalization;
using System.Text;
using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Workload.Runtimes.Export;

/// <summary>A runtime profile as text: each phase's steps with their sources, what a start costs in userspace at a given table size, and the ranges of the uncertain figures.</summary>
public static class RuntimeProfileTextWriter
{
    /// <summary>One line: name, version, phases, userspace work and whole-table reads per start.</summary>
    public static string Summary(RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.Phases.IsEmpty
            ? "the strategy's mount passes alone"
            : string.Create(CultureInfo.InvariantCulture, $"{runtime.Version}; phases {string.Join(", ", runtime.Phases.Select(p => p.Name))}; {Durations.Format(runtime.Phases.Sum(p => p.Cost.UserspaceNs))} userspace, {runtime.Phases.Sum(p => p.TableReads)} mountinfo reads per start");
    }

    /// <summary>Every phase and step, then the userspace time of a start when the host table holds <paramref name="mounts"/> mounts.</summary>
    public static string ToText(RuntimeProfile runtime, int mounts)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{runtime.Name}: {runtime.Description}");
        if (runtime.Version.Length > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"version: {runtime.Version}");
        }

        if (runtime.Phases.IsEmpty)
        {
            return text.AppendLine("no phases: a start is its strategy's passes, in order").ToString();
        }

        foreach (var phase in runtime.Phases)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{phase.Name}: {phase.Description}");
            for (var i = 0; i < phase.Steps.Length; i++)
            {
                var source = runtime.Sources.GetValueOrDefault(string.Create(CultureInfo.InvariantCulture, $"phases.{phase.Name}.steps[{i}]"));
                text.AppendLine(CultureInfo.InvariantCulture, $"  {Describe(phase.Steps[i])}{(source is null ? string.Empty : "    # " + source)}");
            }

            if (runtime.Sources.GetValueOrDefault($"phases.{phase.Name}") is { } fitted)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  # costs {fitted}");
            }
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"per start at {mounts} mounts in the table (userspace only; the kernel's part depends on contention):");
        foreach (var phase in runtime.Phases)
        {
            var cost = phase.Cost;
            var parsing = phase.Steps.OfType<MountTableRead>().Sum(r => r.Times * r.ParseNsPerLine * mounts);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {phase.Name,-20} {Durations.Format(cost.UserspaceNs + parsing),10}  ({phase.TableReads} mountinfo reads parsing {Durations.Format(parsing)})");
        }

        using var ranges = new StringWriter(text, CultureInfo.InvariantCulture);
        UncertainFiguresText.Write(runtime.UncertainFigures, ranges);
        return text.ToString();
    }

    private static string Describe(RuntimeStep step)
    {
        var times = step.Times == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" x{step.Times}");
        return step switch
        {
            UserspaceWork work => $"cpu {Durations.Format(work.Ns)}{times}",
            RuntimeSyscall call => $"syscall {call.Recipe}{times}",
            MountTableRead read => $"mountinfo read, parsed at {Durations.Format(read.ParseNsPerLine)} per line{times}",
            StrategyPasses passes => $"the strategy's passes: {string.Join(", ", passes.Names)}",
            _ => step.ToString(),
        };
    }
}
