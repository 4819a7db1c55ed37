using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Kernel;
using MountSim.Kernel.PathWalks;
using MountSim.Tests.Support;

namespace MountSim.Tests.Kernel.PathWalks;

public sealed class PathWalkModesTests
{
    // 500,000 lookups per second per CPU, 1 us each, 3 us more after a restart.
    private static readonly PathWalkParameters Lookups = new(PerCpuPerSecond: 500_000, WalkNs: 1_000, RefWalkPenaltyNs: 3_000);

    [Fact]
    public void ClosedFormAndPerLookupAgreeOnSpinAndRestarts()
    {
        var topology = SyntheticTopologies.Mesh(cores: 8);
        var closed = Run(topology, (simulation, random) => new ClosedFormPathWalks(topology, Lookups, random));
        var perLookup = Run(topology, (simulation, random) => new PerLookupPathWalks(simulation, topology, Lookups, random));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"closed form: {closed.Spun} spun, mean spin {closed.MeanSpinNs:F1} ns, {closed.Restarts} restarts; " +
            $"per lookup: {perLookup.Spun} spun, mean spin {perLookup.MeanSpinNs:F1} ns, {perLookup.Restarts} restarts");
        Assert.True(closed.Spun > 10_000, "too few spinning lookups for a 5% comparison");
        Assert.Equal(perLookup.MeanSpinNs, closed.MeanSpinNs, tolerance: 0.05 * perLookup.MeanSpinNs);
        Assert.Equal(perLookup.Restarts, closed.Restarts, tolerance: 0.05 * perLookup.Restarts);
        Assert.Equal(perLookup.Spun, closed.Spun, tolerance: 0.05 * perLookup.Spun);
        Assert.Equal(perLookup.SpinCpuNs, closed.SpinCpuNs, tolerance: 0.05 * perLookup.SpinCpuNs);
        Assert.True(closed.SpinCpuNs <= closed.SpinNs);
        Assert.Equal(perLookup.Latency.Count, closed.Latency.Count, tolerance: 0.02 * perLookup.Latency.Count);
    }

    [Fact]
    public void EachSpinningCpuHoldsOneCopyHoweverManyLookupsWaitOnIt()
    {
        // 4 CPUs, 500,000 lookups a second each, a 100 us section: about 200 lookups, 4 copies.
        var topology = SyntheticTopologies.Mesh(cores: 4);
        var walks = new ClosedFormPathWalks(topology, Lookups, new RandomStream(9));
        var line = new MountSim.Hardware.Coherence.ContendedLine(topology, "mount_lock");
        walks.OnWriteSection(1_000, 101_000, line);

        Assert.InRange(walks.Statistics.Spun, 150, 250);
        Assert.Equal(4, line.SharedCopies);
        Assert.InRange(walks.Statistics.SpinCpuNs, 4 * 95_000, 4 * 100_000);
    }

    [Fact]
    public void SpinningRaisesTheBackgroundsShareOfACpuThenItDecays()
    {
        // 4 CPUs, 500,000 lookups of 1 us a second each: a steady 50% share, the cap.
        var topology = SyntheticTopologies.Mesh(cores: 4);
        var quiet = new ClosedFormPathWalks(topology, Lookups with { PerCpuPerSecond = 10_000 }, new RandomStream(9), schedulerHorizonNs: 1_000_000);
        Assert.Equal(0.01, quiet.BackgroundShare(cpu: 2, now: 0), 9);

        // A 100 us section: a CPU with a spinner spins up to a tenth of the 1 ms horizon.
        var line = new MountSim.Hardware.Coherence.ContendedLine(topology, "mount_lock");
        quiet.OnWriteSection(1_000, 101_000, line);
        var justAfter = Enumerable.Range(0, 4).Max(cpu => quiet.BackgroundShare(cpu, now: 101_000));
        Assert.InRange(justAfter, 0.05, 0.12);
        Assert.True(Enumerable.Range(0, 4).Max(cpu => quiet.BackgroundShare(cpu, now: 5_000_000)) < 0.011, "the share did not decay");

        var busy = new ClosedFormPathWalks(topology, Lookups, new RandomStream(9));
        Assert.Equal(0.5, busy.BackgroundShare(cpu: 0, now: 0));
    }

    [Fact]
    public void WithoutWritersNoLookupSpinsOrRestarts()
    {
        var topology = SyntheticTopologies.Mesh(cores: 2);
        var walks = new ClosedFormPathWalks(topology, Lookups, new RandomStream(3));
        walks.Flush(SimTime.Millisecond);

        Assert.Equal(0, walks.Statistics.Spun);
        Assert.Equal(0, walks.Statistics.Restarts);
        Assert.Equal(Lookups.WalkNs, walks.Statistics.Latency.Max);

        // 2 CPUs x 500,000/s x 1 ms: about 1,000 lookups.
        Assert.InRange(walks.Statistics.Latency.Count, 900, 1_100);
    }

    private static PathWalkStatistics Run<TWalks>(Topology topology, Func<Simulation, RandomStream, TWalks> create)
        where TWalks : ISequenceReaders
    {
        var simulation = new Simulation(new RandomStreams(2026));
        var walks = create(simulation, simulation.Random.Stream("path-walks"));
        var mountLock = new MountLock(simulation, topology, walks);
        _ = new CyclingWriter(simulation, mountLock, hardwareThread: 0, simulation.Random.Stream("writer"));
        simulation.Run(until: 50 * SimTime.Millisecond);
        return walks switch
        {
            ClosedFormPathWalks closed => Flushed(closed, simulation.Now),
            PerLookupPathWalks perLookup => perLookup.Statistics,
            _ => throw new InvalidOperationException(),
        };
    }

    private static PathWalkStatistics Flushed(ClosedFormPathWalks walks, long now)
    {
        walks.Flush(now);
        return walks.Statistics;
    }

    /// <summary>Takes mount_lock for Exp(2 us), then stays out for Exp(20 us), for ever.</summary>
    private sealed class CyclingWriter : IEventTarget, ILockClient
    {
        private const int Think = 0;
        private const int Granted = 1;
        private const int Release = 2;
        private readonly Simulation _simulation;
        private readonly MountLock _lock;
        private readonly RandomStream _random;

        public CyclingWriter(Simulation simulation, MountLock mountLock, int hardwareThread, RandomStream random)
        {
            _simulation = simulation;
            _lock = mountLock;
            _random = random;
            HardwareThread = hardwareThread;
            Id = simulation.Register(this);
            simulation.Schedule(Exponential(20_000), Id, Think);
        }

        public EntityId Id { get; }

        public int HardwareThread { get; }

        public void OnEvent(int tag)
        {
            switch (tag)
            {
                case Think:
                    _lock.WriteLock(this, Granted);
                    break;
                case Granted:
                    _simulation.Schedule(Exponential(2_000), Id, Release);
                    break;
                default:
                    _lock.Unlock(this);
                    _simulation.Schedule(Exponential(20_000), Id, Think);
                    break;
            }
        }

        private long Exponential(double mean) => SimTime.FromNanoseconds(-mean * Math.Log(1 - _random.NextUnit()));
    }
}
