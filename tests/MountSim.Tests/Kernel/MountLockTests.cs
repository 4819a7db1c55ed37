using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;
using MountSim.Kernel;
using MountSim.Tests.Support;

namespace MountSim.Tests.Kernel;

public sealed class MountLockTests
{
    [Fact]
    public void SecondWriterGetsTheLockThreeLineRequestsAfterTheHolderReleases()
    {
        // Mesh: 50 ns per transfer and per home-agent request.
        var (simulation, mountLock) = Build(SyntheticTopologies.Mesh(cores: 2));
        var first = new Writer(simulation, mountLock, hardwareThread: 0, startAt: 0, holdNs: 100);
        var second = new Writer(simulation, mountLock, hardwareThread: 1, startAt: 0, holdNs: 100);
        simulation.Run();

        // The first fetches the line (50 ns) and holds 100 ns. At 150 its unlock store takes the line
        // back from the second (which published itself with xchg_tail), the second reads the free
        // lock word and upgrades its copy: three requests of 50 ns.
        Assert.Equal([50L], first.GrantedAt);
        Assert.Equal([150L + (3 * 50)], second.GrantedAt);
        Assert.Equal(1, mountLock.HandoffsByDistance[(int)DistanceClass.SameLlc]);
        Assert.Equal(2, mountLock.Statistics.Acquisitions);
        Assert.False(mountLock.IsLocked);
    }

    [Fact]
    public void WaitersGetTheLockInTheOrderTheyAsked()
    {
        var (simulation, mountLock) = Build(SyntheticTopologies.Mesh(cores: 4));
        var writers = Enumerable.Range(0, 4)
            .Select(i => new Writer(simulation, mountLock, hardwareThread: 3 - i, startAt: i * 10, holdNs: 1_000))
            .ToList();
        simulation.Run();

        var grants = writers.Select(w => w.GrantedAt.Single()).ToList();
        Assert.Equal(grants.Order(), grants);
        Assert.Equal(4, mountLock.Statistics.Acquisitions);
    }

    [Fact]
    public void TheSequenceIsOddExactlyWhileAWriterIsInside()
    {
        var (simulation, mountLock) = Build(SyntheticTopologies.Mesh(cores: 2));
        var writer = new Writer(simulation, mountLock, hardwareThread: 0, startAt: 0, holdNs: 100);
        simulation.Run(until: 60);
        Assert.Equal(1, mountLock.Sequence);
        Assert.True(mountLock.IsSequenceOddAt(60));
        Assert.False(mountLock.IsSequenceOddAt(49));

        simulation.Run();
        Assert.Equal(2, mountLock.Sequence);
        Assert.False(mountLock.IsSequenceOddAt(simulation.Now));
        Assert.Equal([50L], writer.GrantedAt);
    }

    [Fact]
    public void AnExclusiveReaderTakesTheSpinlockWithoutTouchingTheSequence()
    {
        var (simulation, mountLock) = Build(SyntheticTopologies.Mesh(cores: 2));
        _ = new Writer(simulation, mountLock, hardwareThread: 0, startAt: 0, holdNs: 100, exclusiveReader: true);
        simulation.Run(until: 60);

        Assert.True(mountLock.IsLocked);
        Assert.Equal(0, mountLock.Sequence);
        Assert.False(mountLock.IsSequenceOddAt(60));
    }

    [Fact]
    public void SpinningReadersDelayTheHandoffByTheirInvalidations()
    {
        // Eight readers spin during every write section. On a mesh the unlock store pays one home
        // service per copy; on chiplets one directory service per other domain holding copies.
        var meshDelay = HandoffDelay(SyntheticTopologies.Mesh(cores: 8), spinnersPerDomain: 8) - HandoffDelay(SyntheticTopologies.Mesh(cores: 8), spinnersPerDomain: 0);
        var chiplet = SyntheticTopologies.Chiplet(domains: 4, coresPerDomain: 2);
        var chipletDelay = HandoffDelay(chiplet, spinnersPerDomain: 2) - HandoffDelay(chiplet, spinnersPerDomain: 0);

        Assert.Equal(8 * 50, meshDelay);
        Assert.True(chipletDelay <= 3 * 100, $"chiplet handoff grew by {chipletDelay} ns");
        Assert.True(chipletDelay > 0);
    }

    [Fact]
    public void TheReadersSeeEachWriteSectionFromGrantToUnlock()
    {
        var readers = new RecordingReaders(spinnersPerDomain: 0);
        var (simulation, mountLock) = Build(SyntheticTopologies.Mesh(cores: 2), readers);
        _ = new Writer(simulation, mountLock, hardwareThread: 0, startAt: 0, holdNs: 100);
        _ = new Writer(simulation, mountLock, hardwareThread: 1, startAt: 0, holdNs: 100, exclusiveReader: true);
        simulation.Run();

        Assert.Equal([(50L, 150L)], readers.Sections);
    }

    [Fact]
    public void UnlockingWithoutHoldingThrows()
    {
        var (simulation, mountLock) = Build(SyntheticTopologies.Mesh(cores: 2));
        var stranger = new Writer(simulation, mountLock, hardwareThread: 1, startAt: 1_000_000, holdNs: 1);

        Assert.Throws<InvalidOperationException>(() => mountLock.Unlock(stranger));
    }

    private static long HandoffDelay(Topology topology, int spinnersPerDomain)
    {
        var (simulation, mountLock) = Build(topology, new RecordingReaders(spinnersPerDomain));
        _ = new Writer(simulation, mountLock, hardwareThread: 0, startAt: 0, holdNs: 1_000);
        var second = new Writer(simulation, mountLock, hardwareThread: 1, startAt: 0, holdNs: 1_000);
        simulation.Run();
        return second.GrantedAt.Single();
    }

    private static (Simulation, MountLock) Build(Topology topology, ISequenceReaders? readers = null)
    {
        var simulation = new Simulation(new RandomStreams(1));
        return (simulation, new MountLock(simulation, topology, readers));
    }

    /// <summary>Adds a fixed number of spinning copies per LLC domain at the end of every write section.</summary>
    private sealed class RecordingReaders(int spinnersPerDomain) : ISequenceReaders
    {
        public List<(long Start, long End)> Sections { get; } = [];

        public void OnSequenceOdd(long at)
        {
        }

        public void OnWriteSection(long start, long end, ContendedLine line)
        {
            Sections.Add((start, end));
            for (var domain = 0; domain < line.DomainCount; domain++)
            {
                line.AddSharedCopies(domain, spinnersPerDomain);
            }
        }
    }

    /// <summary>Takes the lock at <c>startAt</c>, holds it <c>holdNs</c>, releases it; records when it was granted.</summary>
    private sealed class Writer : IEventTarget, ILockClient
    {
        private const int Start = 0;
        private const int Granted = 1;
        private const int Done = 2;
        private readonly Simulation _simulation;
        private readonly MountLock _lock;
        private readonly long _holdNs;
        private readonly bool _exclusiveReader;

        public Writer(Simulation simulation, MountLock mountLock, int hardwareThread, long startAt, long holdNs, bool exclusiveReader = false)
        {
            _simulation = simulation;
            _lock = mountLock;
            _holdNs = holdNs;
            _exclusiveReader = exclusiveReader;
            HardwareThread = hardwareThread;
            Id = simulation.Register(this);
            simulation.Schedule(startAt, Id, Start);
        }

        public EntityId Id { get; }

        public int HardwareThread { get; }

        public List<long> GrantedAt { get; } = [];

        public void OnEvent(int tag)
        {
            switch (tag)
            {
                case Start when _exclusiveReader:
                    _lock.LockExclusive(this, Granted);
                    break;
                case Start:
                    _lock.WriteLock(this, Granted);
                    break;
                case Granted:
                    GrantedAt.Add(_simulation.Now);
                    _simulation.Schedule(_holdNs, Id, Done);
                    break;
                default:
                    _lock.Unlock(this);
                    break;
            }
        }
    }
}
