using System.CommandLine;
using System.Globalization;
using MountSim.Reporting;
using MountSim.Sensitivity.Studies;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim sensitivity FILE</c>: which uncertain figures carry a scenario's result: Morris screening over all of
/// them, Sobol' indices over the few it keeps, one at a time for the tornado; a results folder with the ranking,
/// the plots and what to measure.
/// </summary>
public static class SensitivityCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "The study, a YAML file (experiments/sensitivity/README.md)." };
        var output = new Option<string>("--out") { Description = "The folder results folders go in; the study's own folder is named by its output: field.", DefaultValueFactory = _ => "results" };
        var jobs = CliOptions.PositiveInt("--jobs", "Simulations at once (default: all cores). The results do not depend on it.", Environment.ProcessorCount);
        var force = new Option<bool>("--force") { Description = "Replace a finished study folder (or one of another study)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress, only the summary." };
        var command = new Command("sensitivity", "Global sensitivity analysis: which uncertain figures (topology, kernel, runtime, scenario assumptions) move the outputs; sensitivity.csv, points.csv, Morris and tornado plots, report.md with what to measure.")
        {
            file, output, jobs, force, quiet,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var progress = parse.InvocationConfiguration.Error;
            var study = SensitivityYamlReader.Load(parse.GetValue(file)!);
            using var folder = SensitivityFolder.Open(Path.Combine(parse.GetValue(output)!, study.Output), study, parse.GetValue(force));
            using var interrupt = new ConsoleInterrupt();
            var quietly = parse.GetValue(quiet);
            var gate = new Lock();
            void Finished(SimulationKey key, int done, int total)
            {
                if (quietly || (done != total && done % Math.Max(1, total / 10) != 0))
                {
                    return;
                }

                lock (gate)
                {
                    var stage = key.Phase == StudyPhase.Sobol ? "Sobol' designs" : "one at a time and Morris screening";
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage}: {done}/{total} simulations"));
                }
            }

            try
            {
                var (results, charts, elapsed) = SensitivitySession.Run(study, folder, parse.GetValue(jobs), Finished, interrupt.Token);
                console.WriteLine($"{study.Name}: {results.Sum(r => r.Simulations.Count())} simulations in {Durations.Format(elapsed.TotalSeconds * 1e9)}: {Path.Combine(folder.Directory, SensitivityFolder.ReportFile)} ({charts.Count} plots)");
                for (var o = 0; o < study.Outputs.Count; o++)
                {
                    var ranked = results.SelectMany(a => SensitivityReportWriter.Matters(a, o).Select(i => FigureNames.Of(a.Figures[i].Id)))
                        .GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ({g.Count()}/{results.Count})")).Take(SensitivityReportWriter.TopFigures).ToList();
                    console.WriteLine($"  {study.Outputs[o].Name}: {(ranked.Count == 0 ? "no figure moves it" : string.Join(", ", ranked))}");
                }

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
