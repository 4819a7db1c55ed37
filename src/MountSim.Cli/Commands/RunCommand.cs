using System.CommandLine;
using MountSim.Experiments;
using MountSim.Experiments.Export;
using MountSim.Reporting;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim run FILE</c>: expands an experiment, runs it in parallel, and writes its results
/// folder (tables, plots, report). Broken experiments are rejected before anything runs or is written. With
/// <c>--shard K/N</c> it runs one shard's runs into a folder of their own, for <c>mountsim merge</c>.
/// </summary>
public static class RunCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "The experiment, a YAML file (experiments/README.md)." };
        var output = new Option<string>("--out") { Description = "The folder results folders go in; the experiment's own folder is named by its output: field.", DefaultValueFactory = _ => "results" };
        var jobs = CliOptions.PositiveInt("--jobs", "Runs at once (default: all cores). The results do not depend on it.", Environment.ProcessorCount);
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the expanded configurations and the run count; run nothing." };
        var force = new Option<bool>("--force") { Description = "Replace a finished results folder (or one of another experiment)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress, only the final summary line." };
        var shard = ShardOption.Create("Run only shard K of N (K from 0; run i is in shard i mod N)");
        var command = new Command("run", "Run a YAML experiment: sweeps and replications in parallel, then runs.csv, summary.csv, plots and report.md.")
        {
            file, output, jobs, dryRun, force, quiet, shard,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var part = parse.GetValue(shard) is { } text ? ShardOption.Resolve(text, Environment.GetEnvironmentVariable) : null;
            var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(parse.GetValue(file)!));

            if (parse.GetValue(dryRun))
            {
                console.Write(ExperimentPlanText.Write(plan));
                return ExitCodes.Success;
            }

            var name = part?.FolderName(plan.Experiment.Output) ?? plan.Experiment.Output;
            using var folder = ResultsFolder.Open(Path.Combine(parse.GetValue(output)!, name), plan, parse.GetValue(force), part);
            return Execute(plan, folder, parse.GetValue(jobs), parse.GetValue(quiet), console, error);
        });
        return command;
    }

    private static int Execute(ExperimentPlan plan, ResultsFolder folder, int jobs, bool quiet, TextWriter console, TextWriter error)
    {
        var session = ExperimentSession.Open(plan, folder, jobs);
        foreach (var file in session.Damaged)
        {
            CliMessage.Write(error, $"{file} cannot be read back (empty or cut short); running it again");
        }

        var progress = Progress.For(console, folder.Runs.Count, session.Kept, quiet);
        using var interrupt = new ConsoleInterrupt();
        try
        {
            progress.Run(report => session.RunPending(run => report(plan.Run(run.Run).Configuration.Describe()), interrupt.Token));
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"interrupted: {session.Finished} of {folder.Runs.Count} runs kept in {folder.Directory}; run the same command again to resume");
            return ExitCodes.RunFailed;
        }

        var (charts, elapsed) = session.Finish();
        if (folder.Shard is { } shard)
        {
            console.WriteLine($"{folder.Runs.Count} of {plan.RunCount} runs of {plan.Experiment.Name} (shard {shard}) in {Durations.Format(elapsed.TotalSeconds * 1e9)}: {folder.Directory}; 'mountsim merge' the {shard.Count} shards' folders for the tables, plots and report");
            return ExitCodes.Success;
        }

        console.WriteLine($"{plan.RunCount} runs of {plan.Experiment.Name} in {Durations.Format(elapsed.TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, ResultsFolder.ReportFile)} ({charts.Count} plots in {Path.Combine(folder.Directory, ResultsFolder.PlotsFolder)})");
        return ExitCodes.Success;
    }
}
