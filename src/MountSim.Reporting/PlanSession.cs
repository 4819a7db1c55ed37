using System.Diagnostics;
using System.Reflection;
using MountSim.Experiments;
using MountSim.Planning;

namespace MountSim.Reporting;

/// <summary>
/// One plan run into its results folder: the searches (a simulation an earlier attempt saved is read back, not
/// run), then <c>plan.csv</c>, <c>probes.csv</c>, the plots and <c>report.md</c>.
/// </summary>
public static class PlanSession
{
    /// <param name="finished">Hears of each probe decided.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped it; the simulations saved stay.</exception>
    public static (IReadOnlyList<CandidateBoundary> Results, IReadOnlyList<SavedChart> Charts, TimeSpan Elapsed) Run(
        CapacityPlan plan, PlanFolder folder, int jobs, Action<ProbeKey, ProbeVerdict> finished, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        var stopwatch = Stopwatch.StartNew();
        var results = PlanRunner.Run(plan, folder, jobs, finished, cancel);
        folder.WriteTables(results);
        var charts = PlanCharts.Save(plan, results, folder);
        var version = typeof(Scenario).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        folder.WriteReport(PlanReportWriter.Write(plan, results, charts, new PlanRunInfo(results.Sum(r => r.Runs.Count), folder.Resumed, jobs, stopwatch.Elapsed, version)));
        return (results, charts, stopwatch.Elapsed);
    }
}
