namespace MountSim.Sensitivity;

/// <summary>
/// One output's Sobol' indices, per factor in the space's order. <paramref name="Variance"/> is V, the output's
/// variance over A and B; when it is 0 the output did not vary and every index is NaN.
/// </summary>
public sealed record SobolResult(IReadOnlyList<SobolIndices> Indices, double Variance, int BaseSamples)
{
    /// <summary>The factors from most to least influential by total index; ties keep the space's order.</summary>
    public IReadOnlyList<SobolIndices> Ranking => [.. Indices.OrderByDescending(i => double.IsNaN(i.Total) ? double.NegativeInfinity : i.Total)];
}
