using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using MountSim.Experiments;
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
                console.Write(DryRun(plan));
                return ExitCodes.Success;
            }

            using var folder = ResultsFolder.Open(Path.Combine(parse.GetValue(output)!, plan.Experiment.Output), plan, parse.GetValue(force));
            return Execute(plan, folder, parse.GetValue(jobs), parse.GetValue(quiet), console, error);
        });
        return command;
    }

    private static int Execute(ExperimentPlan plan, ResultsFolder folder, int jobs, bool quiet, TextWriter console, TextWriter error)
    {
        var started = DateTimeOffset.Now;
        var runs = new ConcurrentDictionary<int, RunResult>(folder.FinishedRuns(out var damaged));
        foreach (var file in damaged)
        {
            CliMessage.Write(error, $"{file} cannot be read back (empty or cut short); running it again");
        }

        var kept = runs.Count;
        var pending = Enumerable.Range(0, plan.RunCount).Where(run => !runs.ContainsKey(run)).ToList();
        var metadata = Metadata(plan, jobs, started, kept);
        folder.WriteMetadata(metadata);
        var progress = Progress.For(console, plan.RunCount, kept, quiet);
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            progress.Run(report => ExperimentRunner.Run(plan, pending, jobs, run =>
            {
                folder.Save(run);
                runs[run.Run] = run;
                report(plan.Run(run.Run).Configuration.Describe());
            }, interrupt.Token));
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"interrupted: {runs.Count} of {plan.RunCount} runs kept in {folder.Directory}; run the same command again to resume");
            return ExitCodes.RunFailed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        var summaries = folder.WriteTables([.. runs.OrderBy(r => r.Key).Select(r => r.Value)]);
        var charts = ExperimentCharts.Save(plan, summaries, folder);
        var finished = metadata with { Finished = DateTimeOffset.Now };
        folder.WriteMetadata(finished);
        folder.WriteReport(ReportWriter.Write(plan, finished, summaries, charts));
        console.WriteLine($"{plan.RunCount} runs of {plan.Experiment.Name} in {Durations.Format((finished.Finished!.Value - started).TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, ResultsFolder.ReportFile)} ({charts.Count} plots in {Path.Combine(folder.Directory, ResultsFolder.PlotsFolder)})");
        return ExitCodes.Success;
    }

    private static string DryRun(ExperimentPlan plan)
    {
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

    private static RunMetadata Metadata(ExperimentPlan plan, int jobs, DateTimeOffset started, int resumed) => new(
        plan.Experiment.Name,
        typeof(Scenario).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        GitCommit(Path.GetDirectoryName(Path.GetFullPath(plan.Experiment.File))!),
        Environment.MachineName,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        started,
        null,
        plan.Experiment.Seed,
        plan.Experiment.Replications,
        plan.Configurations.Count,
        plan.RunCount,
        jobs,
        resumed);

    /// <summary>The commit of the checkout the experiment file is in, when git is there to say.</summary>
    private static string? GitCommit(string directory)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
