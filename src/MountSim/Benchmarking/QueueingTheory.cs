namespace MountSim.Benchmarking;

/// <summary>
/// Closed forms of the queues the engine is checked against (Kleinrock, Queueing Systems
/// vol. 1, sections 3.2, 3.5 and 3.8; Gross and Harris, Fundamentals of Queueing Theory).
/// </summary>
public static class QueueingTheory
{
    /// <summary>
    /// The finite-source queue M/M/1//N (machine-repairman): <paramref name="sources"/> clients
    /// each think Exp(mean <paramref name="thinkMean"/>) and then need one server for
    /// Exp(mean <paramref name="serviceMean"/>). This is exactly threads contending for one lock.
    /// </summary>
    public static FiniteSourceQueue MachineRepairman(int sources, double thinkMean, double serviceMean)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sources, 1);
        var ratio = serviceMean / thinkMean;

        // p0 = 1 / sum_{n=0..N} N!/(N-n)! * ratio^n, summed term by term to avoid factorials.
        double term = 1, sum = 1;
        for (var n = 1; n <= sources; n++)
        {
            term *= (sources - n + 1) * ratio;
            sum += term;
        }

        var utilization = 1 - (1 / sum);
        var throughput = utilization / serviceMean;
        var response = (sources / throughput) - thinkMean;
        var meanWait = response - serviceMean;
        return new FiniteSourceQueue(utilization, throughput, meanWait, throughput * meanWait);
    }

    /// <summary>
    /// M/M/c with arrival rate <paramref name="arrivalRate"/> and <paramref name="servers"/>
    /// servers each of rate <paramref name="serviceRate"/>: Erlang C gives the probability of
    /// waiting, and the mean wait is C / (c mu - lambda).
    /// </summary>
    public static OpenQueue ErlangC(int servers, double arrivalRate, double serviceRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        var offered = arrivalRate / serviceRate;
        var utilization = offered / servers;
        if (utilization >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalRate), arrivalRate, "The queue is unstable (utilization >= 1).");
        }

        // Erlang B by its stable recurrence, then C = B / (1 - rho (1 - B)).
        double erlangB = 1;
        for (var k = 1; k <= servers; k++)
        {
            erlangB = offered * erlangB / (k + (offered * erlangB));
        }

        var probabilityOfWaiting = erlangB / (1 - (utilization * (1 - erlangB)));
        var meanWait = probabilityOfWaiting / ((servers * serviceRate) - arrivalRate);
        return new OpenQueue(utilization, probabilityOfWaiting, meanWait);
    }
}

/// <summary>Steady-state figures of a finite-source queue; times in the unit of the inputs.</summary>
public readonly record struct FiniteSourceQueue(double Utilization, double Throughput, double MeanWait, double MeanQueueLength);

/// <summary>Steady-state figures of an open queue; times in the unit of the inputs.</summary>
public readonly record struct OpenQueue(double Utilization, double ProbabilityOfWaiting, double MeanWait);
