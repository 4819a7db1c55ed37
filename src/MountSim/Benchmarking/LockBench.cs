using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;
using MountSim.Kernel;

namespace MountSim.Benchmarking;

/// <summary>
/// The global-lock microbenchmark (../shared/reference/incident.md section 4) in the model: T threads, placed by the
/// placement policy, each looping lock, increment a shared counter, unlock, with no think time;
/// the figure is simulated time per critical section.
/// </summary>
/// <remarks>
/// Nothing here sets a cost: a handoff costs what the lock's line requests cost on the topology's
/// <see cref="ContendedLine"/> (queueing at the home agent or directory, invalidations, transfers),
/// and the increment is a write to a second contended line plus <see cref="LockBenchOptions.CriticalSectionNs"/>,
/// slowed by the topology's SMT factor when the core's other thread is spinning too.
/// </remarks>
public static class LockBench
{
    /// <summary>Runs <paramref name="threads"/> threads until <see cref="LockBenchOptions.Acquisitions"/> critical sections are done.</summary>
    /// <exception cref="ArgumentException">More threads than the placement has hardware threads.</exception>
    public static LockBenchPoint Run(LockBenchOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Acquisitions, 1);
        var topology = options.Topology;
        var available = options.Placement.Order(topology).Count;
        if (threads > available)
        {
            throw new ArgumentException(
                $"{threads} threads need as many hardware threads; {options.Placement.Name} placement on {topology.Name} has {available}.",
                nameof(threads));
        }

        var simulation = new Simulation(new RandomStreams(options.Seed, threads));
        var bench = new BenchRun(simulation, topology, options);
        var placed = options.Placement.Place(topology, threads);
        var busyCores = placed.GroupBy(t => t.CoreIndex).ToDictionary(g => g.Key, g => g.Count());
        var clients = placed
            .Select(t => new BenchThread(bench, t.Index, busyCores[t.CoreIndex] > 1 ? topology.SmtSlowdown : 1))
            .ToList();
        foreach (var client in clients)
        {
            bench.Lock(client);
        }

        simulation.Run();
        return new LockBenchPoint(threads, simulation.Now / (double)bench.Completed, simulation.Now, bench.Completed);
    }

    /// <summary>The state one run's threads share: the lock, the counter's line, the count.</summary>
    private sealed class BenchRun(Simulation simulation, Topology topology, LockBenchOptions options)
    {
        private readonly MountLock? _qspinlock = options.Lock == LockBenchLockKind.Qspinlock ? new MountLock(simulation, topology) : null;
        private readonly TicketSpinlock? _ticket = options.Lock == LockBenchLockKind.Ticket ? new TicketSpinlock(simulation, topology) : null;

        public Simulation Simulation { get; } = simulation;

        public ContendedLine Counter { get; } = new(topology, "counter");

        public LockBenchOptions Options { get; } = options;

        public long Completed { get; private set; }

        public void Lock(BenchThread thread)
        {
            if (_ticket is null)
            {
                _qspinlock!.LockExclusive(thread, BenchThread.Granted);
            }
            else
            {
                _ticket.Lock(thread, BenchThread.Granted);
            }
        }

        /// <summary>Unlocks and counts; false once the run has its acquisitions.</summary>
        public bool Unlock(BenchThread thread)
        {
            if (_ticket is null)
            {
                _qspinlock!.Unlock(thread);
            }
            else
            {
                _ticket.Unlock(thread);
            }

            if (++Completed < Options.Acquisitions)
            {
                return true;
            }

            Simulation.Stop();
            return false;
        }
    }

    /// <summary>One benchmark thread pinned to a hardware thread.</summary>
    private sealed class BenchThread : IEventTarget, ILockClient
    {
        public const int Granted = 0;
        private const int Incremented = 1;
        private readonly BenchRun _run;
        private readonly double _criticalSectionNs;

        public BenchThread(BenchRun run, int hardwareThread, double smtSlowdown)
        {
            _run = run;
            HardwareThread = hardwareThread;
            _criticalSectionNs = run.Options.CriticalSectionNs * smtSlowdown;
            Id = run.Simulation.Register(this);
        }

        public EntityId Id { get; }

        public int HardwareThread { get; }

        public void OnEvent(int tag)
        {
            var simulation = _run.Simulation;
            if (tag == Granted)
            {
                var done = _run.Counter.Write(simulation.Now, HardwareThread) + _criticalSectionNs;
                simulation.Schedule(SimTime.FromNanoseconds(done - simulation.Now), Id, Incremented);
            }
            else if (_run.Unlock(this))
            {
                _run.Lock(this);
            }
        }
    }
}
