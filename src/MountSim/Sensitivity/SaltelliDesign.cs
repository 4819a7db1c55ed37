using System.Numerics;
using MountSim.Engine.Random;

namespace MountSim.Sensitivity;

/// <summary>
/// Saltelli's sampling for Sobol' indices (Saltelli 2002; Saltelli et al. 2010): two independent N x d base matrices
/// A and B, and for each factor i the matrix AB_i, A with column i taken from B; N(d + 2) points in all. A and B are
/// the two halves of one 2d-dimensional Sobol' sequence (Saltelli et al. 2010's recommendation) under a random
/// digital shift, so the design is quasi-random, unbiased and chosen by the stream; this limits a design to
/// <see cref="MaxFactors"/> factors.
/// </summary>
public sealed class SaltelliDesign
{
    /// <summary>Fewer base rows than this leave the variance and the bootstrap's resamples to a handful of values.</summary>
    public const int MinBaseSamples = 8;

    public const int MaxFactors = SobolSequence.MaxDimensions / 2;

    private SaltelliDesign(FactorSpace space, int baseSamples, IReadOnlyList<SamplePoint> points)
    {
        Space = space;
        BaseSamples = baseSamples;
        Points = points;
    }

    public FactorSpace Space { get; }

    /// <summary>N, the rows of A and of B.</summary>
    public int BaseSamples { get; }

    /// <summary>
    /// The N(d + 2) points in real units, row by row: base row j's points are A_j, AB_1j, ..., AB_dj, B_j at indices
    /// j(d + 2) to j(d + 2) + d + 1, so any whole number of leading rows is a usable smaller design.
    /// </summary>
    public IReadOnlyList<SamplePoint> Points { get; }

    /// <summary>N base rows over <paramref name="space"/>, N a power of two (where a Sobol' sequence balances), drawn from <paramref name="stream"/>.</summary>
    public static SaltelliDesign Create(FactorSpace space, int baseSamples, RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(stream);
        if (baseSamples < MinBaseSamples)
        {
            throw new ArgumentException($"Sobol' indices need at least {MinBaseSamples} base samples N (got {baseSamples}); hundreds to thousands are usual.", nameof(baseSamples));
        }

        if (!BitOperations.IsPow2(baseSamples))
        {
            var below = (long)BitOperations.RoundUpToPowerOf2((uint)baseSamples) / 2;
            throw new ArgumentException($"The base samples N must be a power of two, where the Sobol' sequence is balanced (got {baseSamples}; {below} or {below * 2} would do).", nameof(baseSamples));
        }

        var d = space.Count;
        if (d > MaxFactors)
        {
            throw new ArgumentException($"A Saltelli design here takes at most {MaxFactors} factors ({SobolSequence.MaxDimensions} Sobol' dimensions for A and B); got {d}. Screen with Morris first.", nameof(space));
        }

        var sequence = SobolSequence.ShiftedPoints(baseSamples, 2 * d, stream);
        var points = new List<SamplePoint>(baseSamples * (d + 2));
        var mixed = new double[d];
        foreach (var row in sequence)
        {
            var a = row.AsSpan(0, d);
            var b = row.AsSpan(d, d);
            points.Add(space.Point(points.Count, a));
            for (var i = 0; i < d; i++)
            {
                a.CopyTo(mixed);
                mixed[i] = b[i];
                points.Add(space.Point(points.Count, mixed));
            }

            points.Add(space.Point(points.Count, b));
        }

        return new SaltelliDesign(space, baseSamples, points);
    }

    /// <summary>The index of A's row <paramref name="row"/>.</summary>
    public int IndexOfA(int row) => row * (Space.Count + 2);

    /// <summary>The index of AB_i's row <paramref name="row"/>, <paramref name="factor"/> = i counted from 0.</summary>
    public int IndexOfAB(int row, int factor) => (row * (Space.Count + 2)) + 1 + factor;

    /// <summary>The index of B's row <paramref name="row"/>.</summary>
    public int IndexOfB(int row) => (row * (Space.Count + 2)) + Space.Count + 1;
}
