using MountSim.Hardware;
using MountSim.Hardware.Coherence;
using MountSim.Tests.Support;

namespace MountSim.Tests.Hardware.Coherence;

public sealed class ContendedLineTests
{
    [Fact]
    public void OnAMeshAWriteCostsOneHomeServicePerSharedCopy()
    {
        var line = new ContendedLine(SyntheticTopologies.Mesh(cores: 16), "lock");
        line.Write(0, thread: 0);
        for (var reader = 1; reader <= 12; reader++)
        {
            line.Read(1_000, reader);
        }

        // The owner kept a copy when the first reader took one: 13 copies, 12 of them not the writer's.
        Assert.Equal(13, line.SharedCopies);
        var start = 10_000;
        Assert.Equal(start + (12 * 50), line.Write(start, thread: 0));
        Assert.Equal(0, line.SharedCopies);
        Assert.Equal(0, line.Owner);
    }

    [Fact]
    public void ACopyOnTheOtherSocketHoldsTheHomeAgentForTheTripAcross()
    {
        var line = new ContendedLine(SyntheticTopologies.TwoSocketMesh(coresPerSocket: 8), "lock");
        line.Write(0, thread: 0);
        foreach (var reader in new[] { 1, 2, 3, 4, 8, 9, 10, 11 })
        {
            line.Read(1_000 * reader, reader);
        }

        // Four copies at home cost one 50 ns service each, four on socket 1 a 150 ns trip each.
        var start = 100_000;
        Assert.Equal(start + (4 * 50) + (4 * 150), line.Write(start, thread: 0));

        // A miss from socket 1 holds the agent for the trip too: the next request waits behind it.
        Assert.Equal(start + 2_000 + 150, line.Read(start + 2_000, thread: 12), precision: 6);
        Assert.Equal(start + 2_000 + 150 + 50, line.Read(start + 2_000, thread: 5), precision: 6);
    }

    [Fact]
    public void OnChipletsAWriteCostsOneDirectoryServicePerOtherDomainWithCopies()
    {
        // 4 domains of 4 cores; 12 spinning copies spread 3 per domain.
        var line = new ContendedLine(SyntheticTopologies.Chiplet(domains: 4, coresPerDomain: 4), "lock");
        line.Write(0, thread: 0);
        for (var domain = 0; domain < 4; domain++)
        {
            line.AddSharedCopies(domain, 3);
        }

        // Copies in the writer's own domain are invalidated by its domain; three other domains go through the directory.
        var start = 10_000;
        Assert.Equal(start + (3 * 100), line.Write(start, thread: 0));
    }

    [Fact]
    public void MoreSpinnersCostAMeshWriterMoreButLeaveAChipletWriterAtItsDomainCount()
    {
        double WriteCost(Topology topology, int spinnersPerDomain)
        {
            var line = new ContendedLine(topology, "lock");
            line.Write(0, thread: 0);
            for (var domain = 0; domain < topology.LlcDomains.Count; domain++)
            {
                line.AddSharedCopies(domain, spinnersPerDomain);
            }

            return line.Write(1_000, thread: 0) - 1_000;
        }

        var mesh = SyntheticTopologies.Mesh(cores: 32);
        var chiplet = SyntheticTopologies.Chiplet(domains: 4, coresPerDomain: 8);
        Assert.Equal(4 * WriteCost(mesh, 2), WriteCost(mesh, 8));
        Assert.Equal(WriteCost(chiplet, 2), WriteCost(chiplet, 8));
    }

    [Fact]
    public void RequestsForTheLineAreServedOneAtATime()
    {
        var line = new ContendedLine(SyntheticTopologies.Mesh(cores: 4), "lock");
        line.Write(0, thread: 0);

        // Two readers ask at the same instant: the home agent serves the first, then the second.
        Assert.Equal(1_000 + 50, line.Read(1_000, thread: 1));
        Assert.Equal(1_000 + 100, line.Read(1_000, thread: 2));
    }

    [Fact]
    public void AccessesByTheOwnerOrACopyHolderCostNothing()
    {
        var line = new ContendedLine(SyntheticTopologies.Mesh(cores: 4), "lock");
        line.Write(0, thread: 1);

        Assert.Equal(500, line.Write(500, thread: 1));
        Assert.Equal(500, line.Read(500, thread: 1));
        var first = line.Read(1_000, thread: 2);
        Assert.Equal(first + 10, line.Read(first + 10, thread: 2));
    }

    [Fact]
    public void TransfersAreCountedByDistanceFromWhereTheDataWas()
    {
        var topology = SyntheticTopologies.Chiplet(domains: 2, coresPerDomain: 2);
        var line = new ContendedLine(topology, "lock");
        line.Write(0, thread: 0);
        line.Write(1_000, thread: 1);
        line.Write(2_000, thread: 2);

        Assert.Equal(1, line.TransfersByDistance[(int)DistanceClass.SameLlc]);
        Assert.Equal(1, line.TransfersByDistance[(int)DistanceClass.SameSocket]);
    }

    [Fact]
    public void AChipletReadServedInsideItsDomainDoesNotQueueAtTheDirectory()
    {
        var line = new ContendedLine(SyntheticTopologies.Chiplet(domains: 2, coresPerDomain: 2), "lock");
        line.Write(0, thread: 0);

        // Thread 1 shares thread 0's domain: served by the domain at 20 ns. Thread 2 is across: the directory, 100 ns.
        Assert.Equal(1_000 + 20, line.Read(1_000, thread: 1));
        Assert.Equal(1_000 + 100, line.Read(1_000, thread: 2));
    }
}
