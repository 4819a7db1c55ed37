using MountSim.Benchmarking;
using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Engine;

/// <summary>
/// M/M/1//N (machine-repairman): N workers think Exp(Z), then hold one FIFO lock Exp(S). The
/// engine's utilization and mean wait must agree with the exact formulas within the 95%
/// confidence interval over replications.
/// </summary>
public sealed class FiniteSourceQueueValidationTests
{
    private const ulong Seed = 7_340_033;
    private const int Replications = 25;
    private const long Warmup = 1_000 * SimTime.Millisecond;
    private const long Measured = 40_000 * SimTime.Millisecond;

    [Theory]
    [InlineData(4, 3.0, 1.0)]
    [InlineData(10, 10.0, 1.0)]
    public void UtilizationAndMeanWaitMatchMachineRepairmanWithinConfidenceInterval(int workers, double thinkMs, double serviceMs)
    {
        var theory = QueueingTheory.MachineRepairman(workers, thinkMs, serviceMs);
        var utilizations = new double[Replications];
        var meanWaits = new double[Replications];
        for (var run = 0; run < Replications; run++)
        {
            (utilizations[run], meanWaits[run]) = RunReplication(workers, thinkMs, serviceMs, run);
        }

        StatisticalAssert.Covers(theory.Utilization, ConfidenceInterval.Of95(utilizations), $"M/M/1//{workers} utilization");
        StatisticalAssert.Covers(theory.MeanWait, ConfidenceInterval.Of95(meanWaits), $"M/M/1//{workers} mean wait (ms)");
    }

    private static (double Utilization, double MeanWaitMilliseconds) RunReplication(int workers, double thinkMs, double serviceMs, int run)
    {
        var simulation = new Simulation(new RandomStreams(Seed, run));
        var server = new FifoMutex(simulation, "lock");
        var script = new ScriptBuilder("worker")
            .Label("think")
            .Delay(Distribution.Exponential(thinkMs * SimTime.Millisecond))
            .Acquire(server)
            .Delay(Distribution.Exponential(serviceMs * SimTime.Millisecond))
            .Release(server)
            .Jump("think")
            .Build();
        for (var i = 0; i < workers; i++)
        {
            new Actor(simulation, script, simulation.Random.Stream("worker", i), $"worker-{i}").Start();
        }

        simulation.Run(Warmup);
        Assert.Equal(Warmup, simulation.Now);
        server.Statistics.Reset(simulation.Now);
        simulation.Run(Warmup + Measured);
        Assert.Equal(Warmup + Measured, simulation.Now);

        return (server.Statistics.Utilization.Mean(simulation.Now), server.Statistics.WaitTime.Mean / SimTime.Millisecond);
    }
}
