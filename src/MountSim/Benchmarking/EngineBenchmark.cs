using System.Diagnostics;
using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;

namespace MountSim.Benchmarking;

/// <summary>
/// Runs the lock-contention model on the engine and times it. Events per acquisition: three
/// (think done, grant to a waiter or nothing when the lock is free, hold done); only the two
/// delays go through the heap, the grant is a zero-delay event.
/// </summary>
public static class EngineBenchmark
{
    public static EngineBenchmarkResult Run(EngineBenchmarkOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Acquisitions, 10);

        var simulation = new Simulation(new RandomStreams(options.Seed));
        var mountLock = new FifoMutex(simulation, "lock");
        var counter = new AcquisitionCounter(options.Acquisitions);
        var script = new ScriptBuilder("worker")
            .Label("think")
            .Delay(Distribution.Exponential(options.ThinkMeanMilliseconds * SimTime.Millisecond))
            .Acquire(mountLock)
            .Invoke(counter)
            .Delay(Distribution.Exponential(options.HoldMeanMilliseconds * SimTime.Millisecond))
            .Release(mountLock)
            .Jump("think")
            .Build();
        for (var i = 0; i < options.Workers; i++)
        {
            new Actor(simulation, script, simulation.Random.Stream("worker", i), $"worker-{i}").Start();
        }

        var stopwatch = Stopwatch.StartNew();
        simulation.Run();
        stopwatch.Stop();

        var allocated = GC.GetAllocatedBytesForCurrentThread() - counter.AllocatedBytesAtWarmup;
        var steadyAcquisitions = options.Acquisitions - counter.WarmupAcquisitions;
        return new EngineBenchmarkResult(
            counter.Count,
            simulation.EventsProcessed,
            stopwatch.Elapsed.TotalSeconds,
            SimTime.ToMilliseconds(simulation.Now),
            mountLock.Statistics.Utilization.Mean(simulation.Now),
            mountLock.Statistics.WaitTime.Mean / SimTime.Millisecond,
            allocated / (double)steadyAcquisitions,
            QueueingTheory.MachineRepairman(options.Workers, options.ThinkMeanMilliseconds, options.HoldMeanMilliseconds));
    }

    /// <summary>
    /// Counts grants, stops the run at the last one, and notes the bytes allocated so far once
    /// a tenth of the run is done, so the allocation figure covers the steady state only.
    /// </summary>
    private sealed class AcquisitionCounter(long target) : IStepAction
    {
        public long Count { get; private set; }

        public long WarmupAcquisitions { get; } = target / 10;

        public long AllocatedBytesAtWarmup { get; private set; }

        public void Execute(Actor actor)
        {
            Count++;
            if (Count == WarmupAcquisitions)
            {
                AllocatedBytesAtWarmup = GC.GetAllocatedBytesForCurrentThread();
            }

            if (Count == target)
            {
                actor.Simulation.Stop();
            }
        }
    }
}
