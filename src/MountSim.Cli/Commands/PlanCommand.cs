using System.CommandLine;
using System.Globalization;
using MountSim.Planning;
using MountSim.Reporting;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim plan FILE</c>: for every candidate host and setting, the largest burst (or start rate) it takes
/// within an objective, and what that costs; a results folder with the ranking, the plots and a plain answer. With
/// <c>--shard K/N</c> it searches one shard's candidates into a folder of their own, for <c>mountsim merge</c>.
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
        var shard = ShardOption.Create("Search only shard K of N's candidates (K from 0; candidate i is in shard i mod N)");
        var command = new Command("plan", "Capacity planning: per candidate, search the largest burst or start rate that meets the objective, with replications until the verdict is clear; plan.csv, probes.csv, plots, report.md and the answer.")
        {
            file, output, jobs, force, quiet, shard,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var part = parse.GetValue(shard) is { } text ? ShardOption.Resolve(text, Environment.GetEnvironmentVariable) : null;
            var plan = PlanYamlReader.Load(parse.GetValue(file)!);
            var name = part?.FolderName(plan.Output) ?? plan.Output;
            using var folder = PlanFolder.Open(Path.Combine(parse.GetValue(output)!, name), plan, parse.GetValue(force), part);
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
                var (results, charts, metadata) = PlanSession.Run(plan, folder, parse.GetValue(jobs), Finished, interrupt.Token);
                var done = string.Create(CultureInfo.InvariantCulture, $"{metadata.Simulations} simulations ({metadata.SimulationsRun} run, {metadata.SimulationsResumed} kept from an interrupted attempt) in {Durations.Format((metadata.Finished!.Value - metadata.Started).TotalSeconds * 1e9)}");
                if (part is not null)
                {
                    console.WriteLine($"{metadata.Candidates.Count} of {plan.Candidates.Count} candidates of {plan.Name} (shard {part}), {done}: {folder.Directory}; 'mountsim merge' the {part.Count} shards' folders for the tables, plots, report and answer");
                    return ExitCodes.Success;
                }

                foreach (var line in PlanAnswer.Lines(plan, results))
                {
                    console.WriteLine(line);
                }

                console.WriteLine($"{plan.Name}: {done}: {Path.Combine(folder.Directory, PlanFolder.ReportFile)} ({charts.Count} plots)");
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
