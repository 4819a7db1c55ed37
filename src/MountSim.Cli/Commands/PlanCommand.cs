using System.CommandLine;
using System.Globalization;
using MountSim.Planning;
using MountSim.Reporting;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim plan FILE</c>: for every candidate host and setting, the largest burst (or start rate) it takes
/// within an objective, and what that costs; a results folder with the ranking, the plots and a plain answer.
/// </summary>
public static class PlanCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "The plan, a YAML file (experiments/plans/README.md)." };
        var output = new Option<string>("--out") { Description = "The folder results folders go in; the plan's own folder is named by its output: field.", DefaultValueFactory = _ => "results" };
        var jobs = CliOptions.PositiveInt("--jobs", "Simulations at once (default: all cores). The answer does not depend on it.", Environment.ProcessorCount);
        var force = new Option<bool>("--force") { Description = "Replace a finished plan folder (or one of another plan)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress, only the answer." };
        var command = new Command("plan", "Capacity planning: per candidate, search the largest burst or start rate that meets the objective, with replications until the verdict is clear; plan.csv, probes.csv, plots, report.md and the answer.")
        {
            file, output, jobs, force, quiet,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var plan = PlanYamlReader.Load(parse.GetValue(file)!);
            using var folder = PlanFolder.Open(Path.Combine(parse.GetValue(output)!, plan.Output), plan, parse.GetValue(force));
            using var interrupt = new ConsoleInterrupt();
            var quietly = parse.GetValue(quiet);
            var gate = new Lock();
            void Finished(ProbeKey key, ProbeVerdict verdict)
            {
                if (quietly)
                {
                    return;
                }

                lock (gate)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.Candidates[key.Candidate].Describe()}, {PlanFolder.Name(key.Kind)} {key.LoadText}: {(verdict.Holds ? "holds" : "breaks")}{(verdict.Clear ? string.Empty : " (unclear)")} after {verdict.Replications} runs"));
                }
            }

            try
            {
                var (results, charts, elapsed) = PlanSession.Run(plan, folder, parse.GetValue(jobs), Finished, interrupt.Token);
                foreach (var line in PlanAnswer.Lines(plan, results))
                {
                    console.WriteLine(line);
                }

                console.WriteLine($"{plan.Name}: {results.Sum(r => r.Runs.Count)} simulations in {Durations.Format(elapsed.TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, PlanFolder.ReportFile)} ({charts.Count} plots)");
                return ExitCodes.Success;
            }
            catch (OperationCanceledException)
            {
                console.WriteLine($"interrupted: the simulations finished are kept in {folder.Directory}; run the same command again to resume");
                return ExitCodes.RunFailed;
            }
        });
        return command;
    }
}
