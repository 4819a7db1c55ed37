using System.Collections.Concurrent;

namespace MountSim.Experiments;

/// <summary>
/// Runs an experiment's runs on <c>jobs</c> threads. Each run is independent (its own simulation and
/// random streams from (seed, run index)), so any number of jobs gives the same results.
/// </summary>
public static class ExperimentRunner
{
    /// <param name="plan">The expanded experiment.</param>
    /// <param name="runs">The run indices to execute, e.g. those a resumed results folder lacks.</param>
    /// <param name="jobs">Runs at once.</param>
    /// <param name="finished">Called once per finished run, from the thread that ran it.</param>
    /// <param name="cancellation">Stops starting new runs; runs under way finish.</param>
    public static void Run(ExperimentPlan plan, IReadOnlyList<int> runs, int jobs, Action<RunResult> finished, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellation };
        // One run at a time per worker, so a long run at the end of the list does not hold a whole chunk back.
        Parallel.ForEach(Partitioner.Create(runs, EnumerablePartitionerOptions.NoBuffering), options, run =>
        {
            var result = ScenarioRunner.Run(plan.ScenarioOf(run), plan.Experiment.Seed, run, stopWhen: plan.Experiment.StopWhen);
            finished(RunResult.Of(run, result, plan.Experiment.Metrics));
        });
    }
}
