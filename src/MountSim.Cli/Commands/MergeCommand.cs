using System.CommandLine;
using MountSim.Experiments;
using MountSim.Planning;
using MountSim.Reporting;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim merge DIR... --out DIR</c>: the shards' folders of one experiment (<c>run --shard K/N</c>) or of one plan
/// (<c>plan --shard K/N</c>) made into its results folder, the same bytes an unsharded run writes (metadata.json apart).
/// Every problem with the shards (not a shard, unfinished, another experiment's or plan's, of the other kind, another
/// split, given twice, missing, a run file lost) is said, one line each, before anything is written.
/// </summary>
public static class MergeCommand
{
    public static Command Build()
    {
        var shards = new Argument<string[]>("shards") { Description = "The shards' folders (OUTPUT.shard-K-of-N), every shard once.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The folder the merged results folder goes in, named by the experiment's (or plan's) output: field as run (or plan) names it.", DefaultValueFactory = _ => "results" };
        var force = new Option<bool>("--force") { Description = "Replace a finished results folder (or one of another experiment or plan)." };
        var command = new Command("merge", "Merge the shards of an experiment (run --shard K/N) or of a plan (plan --shard K/N) into its results, as an unsharded run writes them: runs.csv, summary.csv, plots and report.md; or plan.csv, probes.csv, plots, report.md and the answer.")
        {
            shards, output, force,
        };
        command.SetAction(parse =>
        {
            var problems = new List<string>();
            var read = parse.GetValue(shards)!.Select(directory => ShardFolder.Read(directory, problems)).ToList();
            if (problems.Count > 0)
            {
                throw new CommandInputException(problems);
            }

            var folders = read.Select(f => f!).ToList();
            problems.AddRange(ShardMerge.Problems(folders));
            if (problems.Count > 0)
            {
                throw new CommandInputException(problems);
            }

            var directory = parse.GetValue(output)!;
            return folders[0].Record.Kind == ShardRecord.PlanKind
                ? MergePlan(folders, directory, parse.GetValue(force), parse.InvocationConfiguration.Output)
                : MergeExperiment(folders, directory, parse.GetValue(force), parse.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int MergeExperiment(List<ShardFolder> folders, string output, bool force, TextWriter console)
    {
        // The shard's own copy of the text, read as if from where it was run: relative files resolve there.
        var first = folders[0].Record;
        var plan = ExperimentPlan.Build(ExperimentYamlReader.Parse(folders[0].Text, first.File));
        if (plan.RunCount != first.Count)
        {
            throw new CommandInputException($"{first.Name} expands to {plan.RunCount} runs here but to {first.Count} where the shards ran (another MountSim version?); run the shards and the merge with one version");
        }

        var problems = new List<string>();
        var runs = folders.SelectMany(f => f.ReadRuns(plan, problems)).OrderBy(r => r.Run).ToList();
        if (problems.Count > 0)
        {
            throw new CommandInputException(problems);
        }

        using var folder = ResultsFolder.Open(Path.Combine(output, plan.Experiment.Output), plan, force);
        var session = ExperimentSession.Merge(plan, folder, runs, [.. folders.OrderBy(f => f.Shard.Index).Select(f => f.Directory)]);
        var (charts, elapsed) = session.Finish();
        console.WriteLine($"{folders.Count} shards, {plan.RunCount} runs of {plan.Experiment.Name}, merged in {Durations.Format(elapsed.TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, ResultsFolder.ReportFile)} ({charts.Count} plots in {Path.Combine(folder.Directory, ResultsFolder.PlotsFolder)})");
        return ExitCodes.Success;
    }

    /// <summary>Every candidate's search replayed on the simulations its shard saved, all checked before the merged folder is made.</summary>
    private static int MergePlan(List<ShardFolder> folders, string output, bool force, TextWriter console)
    {
        var first = folders[0].Record;
        var plan = PlanYamlReader.Parse(folders[0].Text, first.File);
        if (plan.Candidates.Count != first.Count)
        {
            throw new CommandInputException($"{first.Name} has {plan.Candidates.Count} candidates here but {first.Count} where the shards ran (another MountSim version?); run the shards and the merge with one version");
        }

        var problems = new List<string>();
        var runs = folders.SelectMany(f => f.ReadProbeRuns(plan, problems)).ToList();
        if (problems.Count > 0)
        {
            throw new CommandInputException(problems);
        }

        var results = PlanSession.Replay(plan, runs, problems);
        if (problems.Count > 0)
        {
            throw new CommandInputException(problems);
        }

        using var folder = PlanFolder.Open(Path.Combine(output, plan.Output), plan, force);
        var (charts, metadata) = PlanSession.Merge(plan, folder, results, [.. folders.OrderBy(f => f.Shard.Index).Select(f => f.Directory)]);
        foreach (var line in PlanAnswer.Lines(plan, results))
        {
            console.WriteLine(line);
        }

        console.WriteLine($"{folders.Count} shards, {plan.Candidates.Count} candidates of {plan.Name}, {metadata.Simulations} simulations read from them and {metadata.SimulationsRun} run, merged in {Durations.Format((metadata.Finished!.Value - metadata.Started).TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, PlanFolder.ReportFile)} ({charts.Count} plots)");
        return ExitCodes.Success;
    }
}
