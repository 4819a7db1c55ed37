using System.Diagnostics;
using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Kernel;
using MountSim.Kernel.Execution;
using MountSim.Workload;

namespace MountSim.Experiments;

/// <summary>Runs one <see cref="Scenario"/> with one seed and gathers its <see cref="ScenarioResult"/>.</summary>
public static class ScenarioRunner
{
    /// <summary>Events between two calls of a run's progress callback: about a tenth of a second.</summary>
    private const long EventsBetweenReports = 1_000_000;

    /// <summary>Events between two checks of the stop conditions: a few milliseconds, a tenth of a report's.</summary>
    private const long EventsBetweenChecks = 100_000;

    /// <param name="progress">
    /// Called every <see cref="EventsBetweenReports"/> events with how far the run got; returning false stops
    /// it there, and the result says it was interrupted. Null runs to the end without a pause.
    /// </param>
    /// <param name="stopWhen">
    /// Conditions on the starts' metrics: the run stops as soon as one is certain (<see cref="MetricCondition.IsCertain"/>),
    /// and the result names it. A run that must only tell whether an objective holds need not run past that.
    /// </param>
    public static ScenarioResult Run(Scenario scenario, ulong seed, long runIndex = 0, Func<ScenarioProgress, bool>? progress = null, IReadOnlyList<MetricCondition>? stopWhen = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var simulation = new Simulation(new RandomStreams(seed, runIndex));
        var kernel = new MountKernel(simulation, scenario.Topology, scenario.Kernel, scenario.PathWalks, scenario.PathWalkMode, scenario.TimeSliceNs, scenario.BaseMounts, scenario.MountLoops);
        kernel.HostThreads = scenario.HostThreads;
        kernel.RuntimeTreeShared = scenario.PropagatesToContainers;
        kernel.ServiceNamespaces = scenario.ServiceNamespaces;
        var watchers = new MountinfoWatchers(kernel, scenario.MountinfoWatchers, scenario.Placement, scenario.MountinfoWatcherRateLimit);
        var starts = new ContainerStarts(
            kernel,
            layers => ContainerStartProgram.Build(scenario.Strategy, scenario.Runtime, scenario.Kernel, layers, scenario.Topology.NrPossibleCpus),
            scenario.Layers,
            scenario.Containers,
            scenario.Concurrency ?? scenario.Containers,
            scenario.Placement,
            scenario.Arrivals,
            SimTime.FromNanoseconds(scenario.DeadlineNs),
            scenario.WakeBalance,
            scenario.ContainerThreads);
        var probes = new HealthProbes(kernel, scenario.HealthProbes, scenario.Placement);
        starts.Start();
        probes.Start();
        var interrupted = false;
        MetricCondition? stoppedBy = null;
        var checks = stopWhen is { Count: > 0 } ? stopWhen : null;
        var chunk = checks is not null ? EventsBetweenChecks : progress is not null ? EventsBetweenReports : long.MaxValue;
        var nextReport = EventsBetweenReports;
        while (!simulation.Run(maxEvents: chunk))
        {
            if (checks is not null && starts.SoFar() is var soFar && checks.FirstOrDefault(c => c.IsCertain(soFar)) is { } certain)
            {
                stoppedBy = certain;
                break;
            }

            if (progress is not null && simulation.EventsProcessed >= nextReport)
            {
                nextReport = simulation.EventsProcessed + EventsBetweenReports;
                if (!progress(new ScenarioProgress(simulation.Now, starts.Finished, scenario.Containers, simulation.EventsProcessed, stopwatch.Elapsed.TotalSeconds)))
                {
                    interrupted = true;
                    break;
                }
            }
        }

        kernel.PathWalks.Flush(simulation.Now);
        return new ScenarioResult(scenario, kernel, starts, watchers, probes, simulation.EventsProcessed, stopwatch.Elapsed.TotalSeconds) { Interrupted = interrupted, StoppedBy = stoppedBy };
    }
}
