namespace MountSim.Workload;

/// <summary>
/// What a burst has shown part-way through a run: each start's latency as far as it is known. A finished start's
/// is exact; a start that arrived and is still running or waiting will take at least its age; one yet to arrive
/// at least nothing. Any statistic that only grows with each start's latency (a quantile, the max, the mean, the
/// count past the deadline) is therefore at least what it is over these lower bounds.
/// </summary>
/// <param name="LowerBoundsNs">One per container of the run, sorted ascending.</param>
/// <param name="DeadlineNs">A start slower than this fails.</param>
public sealed record StartsSoFar(IReadOnlyList<double> LowerBoundsNs, double DeadlineNs)
{
    /// <summary>The q-quantile of the lower bounds, ranked as <see cref="Engine.Statistics.Histogram.Quantile"/> ranks (the ceil(q n)-th value).</summary>
    public double Quantile(double q) =>
        LowerBoundsNs.Count == 0 ? double.NaN : LowerBoundsNs[(int)Math.Max(1, Math.Ceiling((q * LowerBoundsNs.Count) - 1e-9)) - 1];

    public double Max => LowerBoundsNs.Count == 0 ? double.NaN : LowerBoundsNs[^1];

    public double Mean => LowerBoundsNs.Count == 0 ? double.NaN : LowerBoundsNs.Average();

    /// <summary>Starts that fail whatever happens next: finished or still running past the deadline.</summary>
    public int Failed => LowerBoundsNs.Count(l => l > DeadlineNs);
}
