namespace MountSim.Sensitivity;

/// <summary>
/// How a confidence interval is bootstrapped: how many resamples with replacement (of trajectories for Morris,
/// of base rows for Sobol') and the interval's confidence level.
/// </summary>
public sealed record Bootstrap
{
    public Bootstrap(int resamples = 1000, double confidence = 0.95)
    {
        if (resamples < 2)
        {
            throw new ArgumentException($"A bootstrap needs at least 2 resamples (got {resamples}); 1,000 is usual for a 95% interval.", nameof(resamples));
        }

        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentException($"A confidence level lies strictly between 0 and 1, e.g. 0.95 (got {confidence}).", nameof(confidence));
        }

        Resamples = resamples;
        Confidence = confidence;
    }

    public int Resamples { get; }

    public double Confidence { get; }
}
