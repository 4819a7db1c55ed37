using System.Diagnostics;
using MountSim.Sensitivity.Studies;

namespace MountSim.Reporting;

/// <summary>
/// One sensitivity study run into its results folder: the simulations (one an earlier attempt saved is read back,
/// not run), then <c>sensitivity.csv</c>, <c>points.csv</c>, the plots, <c>metadata.json</c> and <c>report.md</c>.
/// </summary>
public static class SensitivitySession
{
    /// <param name="finished">Hears of each simulation done, with how many of its stage are done and the stage's total.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped it; the simulations saved stay.</exception>
    public static (IReadOnlyList<ConfigurationAnalysis> Results, IReadOnlyList<SensitivityChart> Charts, TimeSpan Elapsed) Run(
        SensitivityStudy study, SensitivityFolder folder, int jobs, Action<SimulationKey, int, int> finished, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(folder);
        var started = DateTimeOffset.Now;
        var stopwatch = Stopwatch.StartNew();
        var results = SensitivityRunner.Run(study, folder, jobs, finished, cancel);
        folder.WriteTables(results);
        var charts = SensitivityCharts.Save(study, results, folder);
        var simulations = results.Sum(r => r.Simulations.Count());
        folder.WriteMetadata(RunMetadata.Of(study.Name, study.File, study.Seed, started) with
        {
            Finished = DateTimeOffset.Now,
            Replications = 1,
            Configurations = study.Configurations.Count,
            Runs = simulations,
            Jobs = jobs,
            RunsResumed = folder.Resumed,
        });
        folder.WriteReport(SensitivityReportWriter.Write(study, results, charts));
        return (results, charts, stopwatch.Elapsed);
    }
}
