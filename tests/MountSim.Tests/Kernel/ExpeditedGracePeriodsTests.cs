using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Kernel;
using MountSim.Tests.Support;

namespace MountSim.Tests.Kernel;

public sealed class ExpeditedGracePeriodsTests
{
    [Fact]
    public void AGracePeriodLastsItsBaseCostPlusOneIpiPerBusyCpuThenWakesTheCaller()
    {
        var (simulation, rcu, cpus) = Build(busy: 10);
        var caller = new Caller(simulation, rcu, at: 1_000);
        simulation.Run();

        // 20 us + 10 busy CPUs x 1 us.
        Assert.Equal([1_000L + 20_000 + 10_000], caller.WokenAt);
        Assert.Equal(1, rcu.GracePeriods);
        Assert.Equal(10, cpus.BusyCpus);
    }

    [Fact]
    public void CallersDuringAGracePeriodShareTheNextOne()
    {
        var (simulation, rcu, _) = Build(busy: 0);
        var first = new Caller(simulation, rcu, at: 0);
        var during = Enumerable.Range(1, 5).Select(i => new Caller(simulation, rcu, at: i * 1_000)).ToList();
        simulation.Run();

        // The first grace period (0..20 us) began before they asked: they all wait for the second (20..40 us).
        Assert.Equal([20_000L], first.WokenAt);
        Assert.All(during, c => Assert.Equal([40_000L], c.WokenAt));
        Assert.Equal(2, rcu.GracePeriods);
        Assert.Equal(6, rcu.Requests);
        Assert.All(during.Append(first), c => Assert.Equal(1, c.Slept));
    }

    [Fact]
    public void AGracePeriodWaitsForEveryCpuInMountLockWhenItStarts()
    {
        var simulation = new Simulation(new RandomStreams(1));
        var mountLock = new MountLock(simulation, SyntheticTopologies.Mesh(cores: 4));
        var rcu = new ExpeditedGracePeriods(simulation, new FixedLoad(0), baseNs: 20_000, perBusyCpuNs: 1_000, mountLock);
        var holder = new Holder(simulation, mountLock, hardwareThread: 1, holdNs: 100_000);
        var spinner = new Holder(simulation, mountLock, hardwareThread: 2, holdNs: 10_000);
        var caller = new Caller(simulation, rcu, at: 1_000);
        var late = new Holder(simulation, mountLock, hardwareThread: 3, holdNs: 50_000, startAt: 2_000);
        simulation.Run();

        // The holder and the spinner had preemption off when the grace period began: it ends at the
        // spinner's release (after the holder's 100 us and its own 10 us), not at 21 us, and not after
        // the thread that came to the lock later.
        Assert.Equal([spinner.ReleasedAt], caller.WokenAt);
        Assert.True(spinner.ReleasedAt > holder.ReleasedAt && late.ReleasedAt > spinner.ReleasedAt);
        Assert.Equal(spinner.ReleasedAt - 1_000, rcu.Duration.Max);
    }

    private static (Simulation, ExpeditedGracePeriods, FixedLoad) Build(int busy)
    {
        var simulation = new Simulation(new RandomStreams(1));
        var cpus = new FixedLoad(busy);
        return (simulation, new ExpeditedGracePeriods(simulation, cpus, baseNs: 20_000, perBusyCpuNs: 1_000), cpus);
    }

    private sealed class FixedLoad(int busy) : IBusyCpus
    {
        public int BusyCpus => busy;
    }

    private sealed class Caller : IEventTarget, ISleepingClient
    {
        private readonly Simulation _simulation;
        private readonly ExpeditedGracePeriods _rcu;
        private bool _asked;

        public Caller(Simulation simulation, ExpeditedGracePeriods rcu, long at)
        {
            _simulation = simulation;
            _rcu = rcu;
            Id = simulation.Register(this);
            simulation.Schedule(at, Id);
        }

        public EntityId Id { get; }

        public int HardwareThread => 0;

        public List<long> WokenAt { get; } = [];

        public int Slept { get; private set; }

        public bool IsOnCpu => Slept == WokenAt.Count;

        public bool NeedsResched => false;

        public void OnSleep(long now) => Slept++;

        public void OnEvent(int tag)
        {
            if (!_asked)
            {
                _asked = true;
                _rcu.Synchronize(this, 0);
                return;
            }

            WokenAt.Add(_simulation.Now);
        }
    }

    /// <summary>Takes mount_lock at <c>startAt</c> and holds it <c>holdNs</c>.</summary>
    private sealed class Holder : IEventTarget, ILockClient
    {
        private readonly Simulation _simulation;
        private readonly MountLock _lock;
        private readonly long _holdNs;
        private bool _asked;
        private bool _held;

        public Holder(Simulation simulation, MountLock mountLock, int hardwareThread, long holdNs, long startAt = 0)
        {
            _simulation = simulation;
            _lock = mountLock;
            _holdNs = holdNs;
            HardwareThread = hardwareThread;
            Id = simulation.Register(this);
            simulation.Schedule(startAt, Id);
        }

        public EntityId Id { get; }

        public int HardwareThread { get; }

        public long ReleasedAt { get; private set; }

        public void OnEvent(int tag)
        {
            if (!_asked)
            {
                _asked = true;
                _lock.WriteLock(this, 0);
            }
            else if (!_held)
            {
                _held = true;
                _simulation.Schedule(_holdNs, Id);
            }
            else
            {
                _lock.Unlock(this);
                ReleasedAt = _simulation.Now;
            }
        }
    }
}
