using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Kernel;
using MountSim.Tests.Support;

namespace MountSim.Tests.Kernel;

public sealed class NamespaceSemaphoreTests
{
    private static readonly RwSemaphoreParameters Parameters = new(WakeupLatencyNs: 5_000);

    [Fact]
    public void ReadersShareTheLock()
    {
        var (simulation, sem) = Build();
        var a = new Client(simulation, sem, 0, [(0, Op.Read, 10_000)]);
        var b = new Client(simulation, sem, 1, [(100, Op.Read, 10_000)]);
        simulation.Run();

        Assert.True(b.GrantedAt[0] < a.GrantedAt[0] + 10_000, "the second reader waited for the first");
        Assert.Equal(0, sem.Sleeps);
    }

    [Fact]
    public void AWriterSpinsOnARunningWriterAndTakesTheLockWithoutSleeping()
    {
        var (simulation, sem) = Build();
        var owner = new Client(simulation, sem, 0, [(0, Op.Write, 20_000)]);
        var spinner = new Client(simulation, sem, 1, [(1_000, Op.Write, 1_000)]);
        simulation.Run();

        Assert.Equal(0, sem.Sleeps);
        Assert.Equal(0, spinner.Slept);
        Assert.InRange(spinner.GrantedAt[0], owner.GrantedAt[0] + 20_000, owner.GrantedAt[0] + 20_500);
        Assert.InRange(sem.SpinNs, 18_000, 20_500);
    }

    [Fact]
    public void AWriterDoesNotSpinOnAnOwnerThatIsOffItsCpu()
    {
        // The owner holds the lock but is preempted (off its CPU): spinning on it would be pointless.
        var (simulation, sem) = Build();
        var owner = new Client(simulation, sem, 0, [(0, Op.Write, 20_000)]) { OffCpuWhileHolding = true };
        var waiter = new Client(simulation, sem, 1, [(1_000, Op.Write, 1_000)]);
        simulation.Run();

        Assert.Equal([1_000L], waiter.SleptAt);
        Assert.Equal(0, sem.SpinNs);
        Assert.InRange(waiter.GrantedAt[0], owner.GrantedAt[0] + 20_000 + 5_000, owner.GrantedAt[0] + 20_000 + 5_500);
    }

    [Fact]
    public void ASpinnerWhoseCpuIsWantedStopsAndSleepsUntilTheOwnerLeaves()
    {
        // Another thread wants the spinner's CPU at 5 us (need_resched): it sleeps there, and runs 5 us after the owner leaves.
        var (simulation, sem) = Build();
        var owner = new Client(simulation, sem, 0, [(0, Op.Write, 20_000)]);
        var spinner = new Client(simulation, sem, 1, [(1_000, Op.Write, 1_000)]);
        _ = new At(simulation, 5_000, () => sem.StopSpinning(spinner));
        simulation.Run();

        Assert.Equal([5_000L], spinner.SleptAt);
        Assert.InRange(sem.SpinNs, 4_000, 4_100);
        Assert.InRange(spinner.GrantedAt[0], owner.GrantedAt[0] + 20_000 + 5_000, owner.GrantedAt[0] + 20_000 + 5_500);
    }

    [Fact]
    public void AWriterDoesNotStartToSpinWhenItsCpuIsWanted()
    {
        var (simulation, sem) = Build();
        _ = new Client(simulation, sem, 0, [(0, Op.Write, 20_000)]);
        var waiter = new Client(simulation, sem, 1, [(1_000, Op.Write, 1_000)]) { NeedsResched = true };
        simulation.Run();

        Assert.Equal([1_000L], waiter.SleptAt);
        Assert.Equal(0, sem.SpinNs);
    }

    [Fact]
    public void AWriterOnAReaderOwnedLockSpinsItsLimitThenSleepsAndIsWokenWithLatency()
    {
        // One reader inside: the writer spins (10 + 1/2) us, sleeps, and runs 5 us after the reader leaves.
        var (simulation, sem) = Build();
        var reader = new Client(simulation, sem, 0, [(0, Op.Read, 100_000)]);
        var writer = new Client(simulation, sem, 1, [(1_000, Op.Write, 1_000)]);
        simulation.Run();

        Assert.Equal(1, writer.Slept);
        Assert.Equal(1_000 + 10_500, writer.SleptAt[0]);
        var readerLeft = reader.GrantedAt[0] + 100_000;
        Assert.InRange(writer.GrantedAt[0], readerLeft + 5_000, readerLeft + 5_500);
    }

    [Fact]
    public void AfterASpinOnReadersTimedOutTheNextWriterSleepsAtOnceUntilAWriterHasOwnedTheLock()
    {
        // The first writer's spin on the reader times out at 11.5 us and marks the lock non-spinnable, so the
        // second sleeps as it arrives (RWSEM_NONSPINNABLE); once a writer owned the lock, writers spin again.
        var (simulation, sem) = Build();
        _ = new Client(simulation, sem, 0, [(0, Op.Read, 100_000)]);
        var first = new Client(simulation, sem, 1, [(1_000, Op.Write, 1_000)]);
        var second = new Client(simulation, sem, 2, [(20_000, Op.Write, 1_000)]);
        var third = new Client(simulation, sem, 3, [(110_000, Op.Write, 1_000)]);
        simulation.Run();

        Assert.Equal(1_000 + 10_500, first.SleptAt[0]);
        Assert.Equal(20_000, second.SleptAt[0]);
        Assert.Equal(0, third.Slept);
    }

    [Fact]
    public void QueuedWaitersForceNewReadersToQueueAndTheyAreWokenTogether()
    {
        var (simulation, sem) = Build();
        _ = new Client(simulation, sem, 0, [(0, Op.Read, 100_000)]);
        var writer = new Client(simulation, sem, 1, [(1_000, Op.Write, 50_000)]);
        var late = Enumerable.Range(2, 3).Select(i => new Client(simulation, sem, i, [(20_000 + (i * 100), Op.Read, 1_000)])).ToList();
        simulation.Run();

        // The late readers found a sleeping writer queued: they slept, and entered after it, all at once.
        Assert.All(late, r => Assert.Equal(1, r.Slept));
        var writerLeft = writer.GrantedAt[0] + 50_000;
        Assert.All(late, r => Assert.InRange(r.GrantedAt[0], writerLeft + 5_000, writerLeft + 5_500));
    }

    [Fact]
    public void OneWakeUpAdmitsAtMostTheBatchLimitOfReaders()
    {
        var (simulation, sem) = Build(Parameters with { MaxReadersWakeup = 2 });
        _ = new Client(simulation, sem, 0, [(0, Op.Write, 50_000)]);
        var readers = Enumerable.Range(1, 3).Select(i => new Client(simulation, sem, i, [(1_000 * i, Op.Read, 200_000)])).ToList();
        simulation.Run();

        var grants = readers.Select(r => r.GrantedAt[0]).Order().ToList();
        Assert.Equal(grants[0], grants[1]);
        Assert.True(grants[2] > grants[1], "the third reader entered with the first batch");
    }

    [Fact]
    public void AWriterRobbedByASpinnerClaimsAHandoffAfterTheTimeout()
    {
        // A sleeping writer (asleep at once: another thread waits for its CPU) is woken each time the lock is
        // released, but a spinning writer keeps taking the lock during its wake-up latency; after 4 ms of
        // waiting it claims a handoff.
        var (simulation, sem) = Build();
        _ = new Client(simulation, sem, 0, [(0, Op.Write, 20_000)]);
        var sleeper = new Client(simulation, sem, 1, [(1_000, Op.Write, 1_000)]) { NeedsResched = true };
        var hog = new Client(simulation, sem, 2, [.. Enumerable.Range(0, 400).Select(i => ((long)(i == 0 ? 15_000 : 0), Op.Write, 20_000L))]);
        simulation.Run();

        Assert.Equal(1, sem.Handoffs);
        Assert.True(sleeper.GrantedAt[0] < hog.GrantedAt[^1], "the handoff did not stop the spinner");
        Assert.InRange(sleeper.GrantedAt[0] - 1_000, 4_000_000, 4_200_000);
    }

    [Fact]
    public void NoSleeperWaitsPastTheHandoffBoundUnderASteadySupplyOfSpinners()
    {
        // Three writers take turns, each spinning while another holds, so a spinner is there at every
        // release. A reader and a writer that sleep are still woken at each release (rwsem_wake): once
        // they have waited the 4 ms timeout the first of them claims a handoff, and spinners stop taking.
        var (simulation, sem) = Build();
        List<(long, Op, long)> Turns() => [.. Enumerable.Range(0, 600).Select(_ => (0L, Op.Write, 20_000L))];
        var spinners = Enumerable.Range(0, 3).Select(i => new Client(simulation, sem, i, Turns())).ToList();
        var reader = new Client(simulation, sem, 3, [(1_000, Op.Read, 1_000)]);
        var writer = new Client(simulation, sem, 4, [(2_000, Op.Write, 1_000)]);
        simulation.Run();

        // Each waits at most the timeout, then a holder's 20 us and a wake-up's 5 us, per sleeper ahead of it.
        var bound = 4_000_000 + (2 * (20_000 + 5_000 + 1_000));
        Assert.InRange(reader.GrantedAt[0] - 1_000, 0, bound);
        Assert.InRange(writer.GrantedAt[0] - 2_000, 0, bound);
        Assert.True(spinners.All(s => s.GrantedAt[^1] > writer.GrantedAt[0]), "the spinners were done before the sleepers got the lock: the test proves nothing");
    }

    private static (Simulation, NamespaceSemaphore) Build(RwSemaphoreParameters? parameters = null)
    {
        var simulation = new Simulation(new RandomStreams(1));
        return (simulation, new NamespaceSemaphore(simulation, SyntheticTopologies.Mesh(cores: 8), parameters ?? Parameters));
    }

    private enum Op
    {
        Read,
        Write,
    }

    /// <summary>Does something at a given time.</summary>
    private sealed class At : IEventTarget
    {
        private readonly Action _action;

        public At(Simulation simulation, long time, Action action)
        {
            _action = action;
            simulation.Schedule(time, simulation.Register(this));
        }

        public void OnEvent(int tag) => _action();
    }

    /// <summary>Runs a list of (pause before, read or write, hold) steps one after the other.</summary>
    private sealed class Client : IEventTarget, ISleepingClient
    {
        private readonly Simulation _simulation;
        private readonly NamespaceSemaphore _sem;
        private readonly List<(long Pause, Op Op, long Hold)> _steps;
        private int _step;
        private bool _holding;

        public Client(Simulation simulation, NamespaceSemaphore sem, int hardwareThread, List<(long Pause, Op Op, long Hold)> steps)
        {
            _simulation = simulation;
            _sem = sem;
            _steps = steps;
            HardwareThread = hardwareThread;
            Id = simulation.Register(this);
            simulation.Schedule(steps[0].Pause, Id);
        }

        public EntityId Id { get; }

        public int HardwareThread { get; }

        public List<long> GrantedAt { get; } = [];

        public List<long> SleptAt { get; } = [];

        public int Slept => SleptAt.Count;

        public bool IsOnCpu { get; private set; } = true;

        /// <summary>Pretends that another thread waits for its CPU.</summary>
        public bool NeedsResched { get; init; }

        /// <summary>Pretends to be preempted while it holds the lock.</summary>
        public bool OffCpuWhileHolding { get; init; }

        public void OnSleep(long now)
        {
            SleptAt.Add(now);
            IsOnCpu = false;
        }

        public void OnEvent(int tag)
        {
            IsOnCpu = true;
            var (_, op, hold) = _steps[_step];
            if (!_holding && GrantedAt.Count == _step)
            {
                if (op == Op.Read)
                {
                    _sem.DownRead(this, 0);
                }
                else
                {
                    _sem.DownWrite(this, 0);
                }

                _holding = true;
                return;
            }

            if (GrantedAt.Count == _step)
            {
                IsOnCpu = !OffCpuWhileHolding;
                GrantedAt.Add(_simulation.Now);
                _simulation.Schedule(hold, Id);
                return;
            }

            if (op == Op.Read)
            {
                _sem.UpRead(this);
            }
            else
            {
                _sem.UpWrite(this);
            }

            _holding = false;
            if (++_step < _steps.Count)
            {
                _simulation.Schedule(_steps[_step].Pause, Id);
            }
        }
    }
}
