using System.Globalization;
using MountSim.Text;
using MountSim.Yaml;

namespace MountSim.Kernel.Profiles.Export;

/// <summary>The human view of a profile: parameters with their sources, each recipe as an indented tree with its costs, then the ranges of the uncertain figures.</summary>
public static class KernelProfileTextWriter
{
    /// <summary>The uncontended figures are for the host the profile was fitted on (../shared/reference/kernel-mount-locks.md 4: 2 vCPUs).</summary>
    public const int FittedPossibleCpus = 2;

    public static void Write(KernelProfile profile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(output);
        void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"{profile.Name}: Linux {profile.KernelVersion}");
        if (profile.Description.Length > 0)
        {
            Line($"  {profile.Description}");
        }

        output.WriteLine();
        Line($"parameters");
        var width = profile.ParameterList.Max(p => p.Key.Length);
        foreach (var parameter in profile.ParameterList)
        {
            var value = parameter.Definition.Unit == FigureUnit.Duration ? Durations.Format(parameter.Value) : parameter.Value.ToString(CultureInfo.InvariantCulture);
            Line($"  {parameter.Key.PadRight(width)}  {value,-8}  {parameter.Source}");
        }

        foreach (var recipe in profile.RecipeList)
        {
            output.WriteLine();
            Line($"{recipe.Name}: {recipe.Description}");
            Line($"  uncontended, {FittedPossibleCpus} possible CPUs: {Uncontended(profile, recipe)}");
            var counts = recipe.Count(new RepeatBindings(1, 1));
            Line($"  per call (L = 1): W(ns) {counts.NsWrite}, R(ns) {counts.NsRead}, WL {counts.MountLockWrite}, XL {counts.MountLockExclusive}, EXP-GP {counts.RcuGpExpedited}, percpu sums {counts.PercpuSums}, mount table {counts.MountTableAdds - counts.MountTableRemoves:+0;-0;0}");
            WriteSteps(recipe.Steps, profile.Parameters, "    ", output);
            Line($"  source: {profile.SourceOf("recipes." + recipe.Name) ?? "none"}");
        }

        UncertainFiguresText.Write(profile.UncertainFigures, output);
    }

    private static string Uncontended(KernelProfile profile, SyscallRecipe recipe)
    {
        var linesPerRead = profile.Parameters.MountinfoLinesPerRead;
        var fixedNs = profile.UncontendedNs(recipe.Name, 0, FittedPossibleCpus, 0);
        var perLayer = profile.UncontendedNs(recipe.Name, 1, FittedPossibleCpus, 0) - fixedNs;
        var perLine = (profile.UncontendedNs(recipe.Name, 0, FittedPossibleCpus, linesPerRead) - fixedNs) / linesPerRead;
        var perThread = profile.UncontendedNs(recipe.Name, 0, FittedPossibleCpus, 0, threads: 1) - fixedNs;
        return Durations.Format(fixedNs)
            + (perLayer > 0 ? $" + {Durations.Format(perLayer)} x layers" : string.Empty)
            + (perLine > 0 ? $" + {Durations.Format(perLine)} x mount-table lines" : string.Empty)
            + (perThread > 0 ? $" + {Durations.Format(perThread)} x host threads" : string.Empty);
    }

    private static void WriteSteps(IEnumerable<RecipeStep> steps, KernelParameters p, string indent, TextWriter output)
    {
        foreach (var step in steps)
        {
            var cost = step switch
            {
                CpuStep cpu => Durations.Format(cpu.Ns),
                PathWalkStep => Durations.Format(p.PathWalkNs),
                PathInitStep => "waits for an even mount_lock sequence",
                PercpuSumStep => $"{Durations.Format(p.PercpuSumPerCpuNs)} x nr_possible_cpus",
                RcuGpExpeditedStep => $"{Durations.Format(p.RcuGpExpeditedNs)} + {Durations.Format(p.RcuGpExpeditedPerBusyCpuNs)} x other busy CPUs",
                MntIdAllocStep => $"{Durations.Format(p.MntIdAllocNs)} + {Durations.Format(p.PercpuSumPerCpuNs)} x nr_possible_cpus",
                MountinfoEventStep => $"{Durations.Format(p.MountinfoEventNs)}, wakes the host's mountinfo watchers",
                MountinfoLinesStep => $"{Durations.Format(p.MountinfoPerByteNs)} x up to {p.MountinfoReadBytes} bytes",
                MountTableStep table => table.Delta.ToString("+0;-0", CultureInfo.InvariantCulture)
                    + (table.Lowerdirs == default ? string.Empty : $", a line of {p.MountinfoLineBytes} bytes + {p.MountinfoLowerdirBytes} x {table.Lowerdirs}"),
                SlaveNamespaceStep slave => slave.Delta.ToString("+0;-0", CultureInfo.InvariantCulture),
                RepeatStep repeat => $"x {repeat.Count}",
                _ => string.Empty,
            };
            output.WriteLine($"{indent}{step.Keyword}{(cost.Length > 0 ? "  " + cost : string.Empty)}");
            if (step is BlockStep block)
            {
                WriteSteps(block.Steps, p, indent + "  ", output);
            }
        }
    }
}
