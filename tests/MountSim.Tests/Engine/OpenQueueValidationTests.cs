using MountSim.Benchmarking;
using MountSim.Engine;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Tests.Support;

namespace MountSim.Tests.Engine;

/// <summary>
/// M/M/1 and M/M/c: Poisson arrivals, exponential service, FIFO. The engine's utilization and
/// mean wait must agree with Erlang C within the 95% confidence interval over replications.
/// </summary>
public sealed class OpenQueueValidationTests
{
    private const ulong Seed = 20_250_611;
    private const int Replications = 25;
    private const int WarmupCustomers = 5_000;
    private const int MeasuredCustomers = 80_000;

    // One millisecond of service: large against the 1 ns rounding of sampled durations.
    private const double ServiceMeanNanoseconds = SimTime.Millisecond;

    [Theory]
    [InlineData(1, 80)]
    [InlineData(3, 75)]
    public void UtilizationAndMeanWaitMatchErlangCWithinConfidenceInterval(int servers, int utilizationPercent)
    {
        const double serviceRate = 1.0; // per ms
        var utilization = utilizationPercent / 100.0;
        var arrivalRate = utilization * servers * serviceRate;
        var theory = QueueingTheory.ErlangC(servers, arrivalRate, serviceRate);
        Assert.Equal(utilization, theory.Utilization, 12);

        var utilizations = new double[Replications];
        var meanWaits = new double[Replications];
        for (var run = 0; run < Replications; run++)
        {
            (utilizations[run], meanWaits[run]) = RunReplication(servers, arrivalRate, run);
        }

        StatisticalAssert.Covers(theory.Utilization, ConfidenceInterval.Of95(utilizations), $"M/M/{servers} utilization");
        StatisticalAssert.Covers(theory.MeanWait, ConfidenceInterval.Of95(meanWaits), $"M/M/{servers} mean wait (ms)");
    }

    /// <summary>One independent replication; returns the utilization and the mean wait in ms after the warm-up.</summary>
    private static (double Utilization, double MeanWaitMilliseconds) RunReplication(int servers, double arrivalRatePerMillisecond, int run)
    {
        var simulation = new Simulation(new RandomStreams(Seed, run));
        Resource server = servers == 1
            ? new FifoMutex(simulation, "server")
            : new FifoSemaphore(simulation, "servers", servers);
        var source = new PoissonSource(simulation, server, SimTime.Millisecond / arrivalRatePerMillisecond);
        source.Start();
        simulation.Run();

        Assert.Equal(WarmupCustomers + MeasuredCustomers, source.Arrivals);
        var statistics = server.Statistics;
        return (statistics.Utilization.Mean(simulation.Now), statistics.WaitTime.Mean / SimTime.Millisecond);
    }

    /// <summary>
    /// Creates a customer actor (acquire, exponential service, release) at each Poisson arrival;
    /// resets the server's statistics after the warm-up and stops the run at the last arrival.
    /// </summary>
    private sealed class PoissonSource : IEventTarget
    {
        private readonly Simulation _simulation;
        private readonly Resource _server;
        private readonly Script _customer;
        private readonly Distribution _interarrival;
        private readonly RandomStream _arrivals;
        private readonly RandomStream _service;
        private readonly EntityId _id;

        public PoissonSource(Simulation simulation, Resource server, double interarrivalMeanNanoseconds)
        {
            _simulation = simulation;
            _server = server;
            _customer = new ScriptBuilder("customer")
                .Acquire(server)
                .Delay(Distribution.Exponential(ServiceMeanNanoseconds))
                .Release(server)
                .Build();
            _interarrival = Distribution.Exponential(interarrivalMeanNanoseconds);
            _arrivals = simulation.Random.Stream("arrivals");

            // All customers draw their service times from one stream, in the order they start service.
            _service = simulation.Random.Stream("service");
            _id = simulation.Register(this);
        }

        public long Arrivals { get; private set; }

        public void Start() => ScheduleNextArrival();

        public void OnEvent(int tag)
        {
            Arrivals++;
            if (Arrivals == WarmupCustomers)
            {
                _server.Statistics.Reset(_simulation.Now);
            }

            if (Arrivals == WarmupCustomers + MeasuredCustomers)
            {
                _simulation.Stop();
                return;
            }

            new Actor(_simulation, _customer, _service, "customer").Start();
            ScheduleNextArrival();
        }

        private void ScheduleNextArrival() =>
            _simulation.Schedule(SimTime.FromNanoseconds(_interarrival.Sample(_arrivals)), _id);
    }
}
