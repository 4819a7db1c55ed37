using System.Globalization;

namespace MountSim.Experiments.Export;

/// <summary>An expanded experiment as <c>run --dry-run</c> prints it: the run count, then a row per configuration with its swept values.</summary>
public static class ExperimentPlanText
{
    public static string Write(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var experiment = plan.Experiment;
        var fields = experiment.SweptFields;
        var rows = plan.Configurations.Select(c => new[] { c.Index.ToString(CultureInfo.InvariantCulture) }.Concat(fields.Select(c.ValueOf)).ToList()).ToList();
        var header = new[] { "#" }.Concat(fields).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        string Row(IReadOnlyList<string> cells) => "  " + string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();
        var lines = new List<string>
        {
            $"{experiment.Name}: {plan.Configurations.Count} configurations x {experiment.Replications} replications = {plan.RunCount} runs (seed {experiment.Seed})",
            Row(header),
        };
        lines.AddRange(rows.Select(Row));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
