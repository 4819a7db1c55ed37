using System.CommandLine;
using MountSim.Experiments;
using MountSim.Experiments.Export;
using MountSim.Reporting;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim run FILE</c>: expands an experiment, runs it in parallel, and writes its results
/// folder (tables, plots, report). Broken experiments are rejected before anything runs or is written.
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
        var command = new Command("run", "Run a YAML experiment: sweeps and replications in parallel, then runs.csv, summary.csv, plots and report.md.")
        {
            file, output, jobs, dryRun, force, quiet,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(parse.GetValue(file)!));

            if (parse.GetValue(dryRun))
            {
                console.Write(ExperimentPlanText.Write(plan));
                return ExitCodes.Success;
            }

            using var folder = ResultsFolder.Open(Path.Combine(parse.GetValue(output)!, plan.Experiment.Output), plan, parse.GetValue(force));
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

        var progress = Progress.For(console, plan.RunCount, session.Kept, quiet);
        using var interrupt = new ConsoleInterrupt();
        try
        {
            progress.Run(report => session.RunPending(run => report(plan.Run(run.Run).Configuration.Describe()), interrupt.Token));
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"interrupted: {session.Finished} of {plan.RunCount} runs kept in {folder.Directory}; run the same command again to resume");
            return ExitCodes.RunFailed;
        }

        var (charts, elapsed) = session.Finish();
        console.WriteLine($"{plan.RunCount} runs of {plan.Experiment.Name} in {Durations.Format(elapsed.TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, ResultsFolder.ReportFile)} ({charts.Count} plots in {Path.Combine(folder.Directory, ResultsFolder.PlotsFolder)})");
        return ExitCodes.Success;
    }
}
