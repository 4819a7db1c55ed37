using MountSim.Benchmarking;

namespace MountSim.Tests.Benchmarking;

/// <summary>The closed forms themselves, against published and hand-computed values.</summary>
public sealed class QueueingTheoryTests
{
    [Fact]
    public void MachineRepairmanMatchesPublishedLockContentionReference()
    {
        // ../shared/reference/des-engines.md 4.1: 64 threads, think 10, hold 0.2 -> U = 0.9916, W = 2.709.
        var result = QueueingTheory.MachineRepairman(64, 10, 0.2);

        Assert.Equal(0.9916, result.Utilization, 0.00005);
        Assert.Equal(2.709, result.MeanWait, 0.0005);
        Assert.Equal(result.Utilization / 0.2, result.Throughput, 12);
        Assert.Equal(result.Throughput * result.MeanWait, result.MeanQueueLength, 12);
    }

    [Fact]
    public void MachineRepairmanMatchesHandComputedSmallCase()
    {
        // N = 4, Z = 3, S = 1, r = S/Z = 1/3. p0^-1 = sum N!/(N-n)! r^n
        //   = 1 + 4/3 + 12/9 + 24/27 + 24/81 = 131/27, so U = 1 - 27/131 = 104/131.
        // X = U/S = 104/131; R = N/X - Z = 524/104 - 3 = 212/104; W = R - S = 108/104 = 27/26.
        // Lq = X W = (104/131)(27/26) = 108/131.
        var result = QueueingTheory.MachineRepairman(4, 3, 1);

        Assert.Equal(104.0 / 131, result.Utilization, 12);
        Assert.Equal(104.0 / 131, result.Throughput, 12);
        Assert.Equal(27.0 / 26, result.MeanWait, 12);
        Assert.Equal(108.0 / 131, result.MeanQueueLength, 12);
    }

    [Fact]
    public void MachineRepairmanWithOneSourceNeverWaits()
    {
        // One client cannot find the server busy: U = S/(Z+S), W = 0.
        var result = QueueingTheory.MachineRepairman(1, 9, 1);

        Assert.Equal(0.1, result.Utilization, 12);
        Assert.Equal(0, result.MeanWait, 12);
    }

    [Fact]
    public void ErlangCMatchesTextbookValueForThreeServersAndTwoErlangs()
    {
        // c = 3, a = 2: Erlang B by recurrence B1 = 2/3, B2 = 2/5, B3 = 4/19; rho = 2/3;
        // C = B/(1 - rho(1 - B)) = (4/19)/(9/19) = 4/9. With mu = 1, lambda = 2: W = C/(3 - 2) = 4/9.
        var result = QueueingTheory.ErlangC(3, 2, 1);

        Assert.Equal(4.0 / 9, result.ProbabilityOfWaiting, 12);
        Assert.Equal(4.0 / 9, result.MeanWait, 12);
        Assert.Equal(2.0 / 3, result.Utilization, 12);
    }

    [Fact]
    public void ErlangCWithTwoServersMatchesHandComputedValue()
    {
        // c = 2, lambda = 1, mu = 2/3: a = 1.5, rho = 0.75. B1 = 1.5/2.5 = 0.6, B2 = 0.9/2.9 = 9/29.
        // C = (9/29)/(1 - 0.75 * 20/29) = (9/29)/(14/29) = 9/14; W = C/(2 * 2/3 - 1) = (9/14) * 3 = 27/14.
        var result = QueueingTheory.ErlangC(2, 1, 2.0 / 3);

        Assert.Equal(9.0 / 14, result.ProbabilityOfWaiting, 12);
        Assert.Equal(27.0 / 14, result.MeanWait, 12);
        Assert.Equal(0.75, result.Utilization, 12);
    }

    [Fact]
    public void ErlangCWithOneServerIsMM1()
    {
        // M/M/1: P(wait) = rho, Wq = rho / (mu - lambda) = 0.8 / 0.2 = 4.
        var result = QueueingTheory.ErlangC(1, 0.8, 1);

        Assert.Equal(0.8, result.ProbabilityOfWaiting, 12);
        Assert.Equal(4, result.MeanWait, 12);
    }

    [Theory]
    [InlineData(1, 1.0, 1.0)]
    [InlineData(2, 3.0, 1.0)]
    public void ErlangCRejectsUnstableQueues(int servers, double arrivalRate, double serviceRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QueueingTheory.ErlangC(servers, arrivalRate, serviceRate));
    }

    [Fact]
    public void RejectsFewerThanOneServerOrSource()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QueueingTheory.ErlangC(0, 0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => QueueingTheory.MachineRepairman(0, 10, 1));
    }
}
