using MountSim.Benchmarking;

namespace MountSim.Tests.Benchmarking;

public sealed class EngineBenchmarkTests
{
    [Fact]
    public void MatchesTheMachineRepairmanClosedFormAndAllocatesNothingPerAcquisition()
    {
        var options = new EngineBenchmarkOptions { Acquisitions = 300_000 };

        var result = EngineBenchmark.Run(options);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"utilization {result.Utilization:R} (analytic {result.Analytic.Utilization:R}), " +
            $"mean wait {result.MeanWaitMilliseconds:R} ms (analytic {result.Analytic.MeanWait:R}), " +
            $"allocated {result.AllocatedBytesPerAcquisition:R} B/acquisition, {result.Events} events");

        // The analytic side is the published 64-worker reference: U = 0.9916, W = 2.709 ms.
        Assert.Equal(0.9916, result.Analytic.Utilization, 0.00005);
        Assert.Equal(2.709, result.Analytic.MeanWait, 0.0005);
        Assert.Equal(300_000, result.Acquisitions);
        Assert.True(Math.Abs(result.Utilization - 0.9916) <= 0.02 * 0.9916, $"utilization {result.Utilization}");
        Assert.True(Math.Abs(result.MeanWaitMilliseconds - 2.709) <= 0.02 * 2.709, $"mean wait {result.MeanWaitMilliseconds} ms");
        Assert.Equal((result.Utilization - result.Analytic.Utilization) / result.Analytic.Utilization, result.UtilizationError, 12);
        Assert.Equal((result.MeanWaitMilliseconds - result.Analytic.MeanWait) / result.Analytic.MeanWait, result.MeanWaitError, 12);

        // At most three events per acquisition (think done, grant, hold done) plus the 64 starts.
        Assert.InRange(result.Events, 2 * result.Acquisitions, (3 * result.Acquisitions) + 64);

        // Simulated time is the acquisitions over the throughput U / S (4.958 per ms).
        var expectedMilliseconds = 300_000 / (0.9916 / 0.2);
        Assert.Equal(expectedMilliseconds, result.SimulatedMilliseconds, 0.02 * expectedMilliseconds);
        Assert.True(result.AllocatedBytesPerAcquisition < 1, $"{result.AllocatedBytesPerAcquisition} bytes allocated per acquisition");
        Assert.True(result.WallSeconds > 0);
        Assert.Equal(result.Acquisitions / result.WallSeconds, result.AcquisitionsPerSecond, 1e-6 * result.AcquisitionsPerSecond);
    }

    [Fact]
    public void SameOptionsGiveTheSameSimulatedResult()
    {
        var options = new EngineBenchmarkOptions { Acquisitions = 20_000, Workers = 8, Seed = 3 };

        var first = EngineBenchmark.Run(options);
        var second = EngineBenchmark.Run(options);

        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.SimulatedMilliseconds, second.SimulatedMilliseconds);
        Assert.Equal(first.Utilization, second.Utilization);
        Assert.Equal(first.MeanWaitMilliseconds, second.MeanWaitMilliseconds);
    }

    [Fact]
    public void RejectsFewerThanOneWorkerOrTenAcquisitions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineBenchmark.Run(new EngineBenchmarkOptions { Workers = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineBenchmark.Run(new EngineBenchmarkOptions { Acquisitions = 9 }));
    }
}
