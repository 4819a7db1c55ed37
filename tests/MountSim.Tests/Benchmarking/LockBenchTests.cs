using MountSim.Benchmarking;
using MountSim.Hardware;
using MountSim.Tests.Hardware;

namespace MountSim.Tests.Benchmarking;

/// <summary>The lock benchmark's mechanism and the incident's directions that come out of it (../shared/reference/incident.md 2.2, 6.8).</summary>
public sealed class LockBenchTests
{
    [Theory]
    [InlineData(LockBenchLockKind.Qspinlock)]
    [InlineData(LockBenchLockKind.Ticket)]
    public void TheSameSeedGivesTheSameNumbers(LockBenchLockKind kind)
    {
        var options = Options("aws-m7a.24xlarge", kind);

        Assert.Equal(LockBench.Run(options, 16), LockBench.Run(options, 16));
    }

    [Theory]
    [InlineData(LockBenchLockKind.Qspinlock)]
    [InlineData(LockBenchLockKind.Ticket)]
    public void TimePerCriticalSectionGrowsWithThreadsOnR5(LockBenchLockKind kind)
    {
        var options = Options("aws-r5.metal", kind);

        Assert.True(Ns(options, 32) > 10 * Ns(options, 1));
    }

    [Fact]
    public void TheTicketLockGrowsFasterThanQspinlockAtHighThreadCounts()
    {
        var ticket = Options("aws-r5.metal", LockBenchLockKind.Ticket);
        var qspinlock = Options("aws-r5.metal", LockBenchLockKind.Qspinlock);

        Assert.True(Ns(ticket, 32) / Ns(ticket, 4) > 2 * (Ns(qspinlock, 32) / Ns(qspinlock, 4)));
        Assert.True(Ns(ticket, 32) > 2 * Ns(qspinlock, 32));
    }

    [Theory]
    [InlineData(LockBenchLockKind.Qspinlock)]
    [InlineData(LockBenchLockKind.Ticket)]
    public void OneR5SocketBeatsTwoAtHighThreadCounts(LockBenchLockKind kind)
    {
        var two = Options("aws-r5.metal", kind);
        var one = two with { Topology = two.Topology.With(new TopologyOverrides(Sockets: 1)) };

        Assert.True(Ns(one, 32) < 0.8 * Ns(two, 32));
    }

    [Fact]
    public void ChipletsScaleBestUnderTheTicketLock()
    {
        var m7a = Ns(Options("aws-m7a.24xlarge", LockBenchLockKind.Ticket), 64);

        Assert.True(m7a < 0.8 * Ns(Options("aws-m7i.metal-24xl", LockBenchLockKind.Ticket), 64));
        Assert.True(m7a < 0.8 * Ns(Options("aws-r5.metal", LockBenchLockKind.Ticket), 64));
    }

    [Fact]
    public void MoreThreadsThanThePlacementHasAreRejected()
    {
        var options = Options("aws-r5.metal", LockBenchLockKind.Qspinlock) with { Placement = PlacementPolicy.OneSocket };

        Assert.Throws<ArgumentException>(() => LockBench.Run(options, 49));
    }

    private static LockBenchOptions Options(string topology, LockBenchLockKind kind) => new()
    {
        Topology = ShippedTopologies.Load(topology),
        Lock = kind,
        Acquisitions = 3_000,
    };

    private static double Ns(LockBenchOptions options, int threads) => LockBench.Run(options, threads).NsPerCriticalSection;
}
