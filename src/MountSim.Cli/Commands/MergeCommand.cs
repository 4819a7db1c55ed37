using System.CommandLine;
using MountSim.Experiments;
using MountSim.Reporting;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim merge DIR... --out DIR</c>: the shards' folders of one experiment (<c>run --shard K/N</c>) made into its
/// results folder, the same bytes an unsharded run writes (metadata.json apart). Every problem with the shards (not
/// a shard, unfinished, another experiment's, another split, given twice, missing, a run file lost) is said, one line
/// each, before anything is written.
/// </summary>
public static class MergeCommand
{
    public static Command Build()
    {
        var shards = new Argument<string[]>("shards") { Description = "The shards' results folders (OUTPUT.shard-K-of-N), every shard once.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The folder the merged results folder goes in, named by the experiment's output: field as run names it.", DefaultValueFactory = _ => "results" };
        var force = new Option<bool>("--force") { Description = "Replace a finished results folder (or one of another experiment)." };
        var command = new Command("merge", "Merge the shards of an experiment (run --shard K/N) into its results: runs.csv, summary.csv, plots and report.md as an unsharded run writes them.")
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

            // The shard's own copy of the text, read as if from where it was run: relative files resolve there.
            var first = folders[0].Record;
            var plan = ExperimentPlan.Build(ExperimentYamlReader.Parse(folders[0].ExperimentText, first.File));
            if (plan.RunCount != first.RunCount)
            {
                throw new CommandInputException($"{first.Experiment} expands to {plan.RunCount} runs here but to {first.RunCount} where the shards ran (another MountSim version?); run the shards and the merge with one version");
            }

            var runs = folders.SelectMany(f => f.ReadRuns(plan, problems)).OrderBy(r => r.Run).ToList();
            if (problems.Count > 0)
            {
                throw new CommandInputException(problems);
            }

            using var folder = ResultsFolder.Open(Path.Combine(parse.GetValue(output)!, plan.Experiment.Output), plan, parse.GetValue(force));
            var session = ExperimentSession.Merge(plan, folder, runs, [.. folders.OrderBy(f => f.Shard.Index).Select(f => f.Directory)]);
            var (charts, elapsed) = session.Finish();
            parse.InvocationConfiguration.Output.WriteLine($"{folders.Count} shards, {plan.RunCount} runs of {plan.Experiment.Name}, merged in {Durations.Format(elapsed.TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, ResultsFolder.ReportFile)} ({charts.Count} plots in {Path.Combine(folder.Directory, ResultsFolder.PlotsFolder)})");
            return ExitCodes.Success;
        });
        return command;
    }
}
