using MountSim.Engine.Random;

namespace MountSim.Sensitivity;

/// <summary>
/// Latin hypercube sampling (McKay, Beckman and Conover 1979): K points in the unit cube such that, in every
/// dimension, each of the K equal strata [k/K, (k+1)/K) holds exactly one point. A dimension's strata are
/// assigned to points by a random permutation and each point lies uniformly within its stratum.
/// </summary>
public static class LatinHypercube
{
    /// <summary>K points in [0, 1)^d, as [point][dimension]; the same stream state gives the same points.</summary>
    public static double[][] Unit(int samples, int dimensions, RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (samples < 1)
        {
            throw new ArgumentException($"A Latin hypercube needs at least 1 sample (got {samples}).", nameof(samples));
        }

        if (dimensions < 1)
        {
            throw new ArgumentException($"A Latin hypercube needs at least 1 dimension (got {dimensions}).", nameof(dimensions));
        }

        var points = new double[samples][];
        for (var k = 0; k < samples; k++)
        {
            points[k] = new double[dimensions];
        }

        var strata = new int[samples];
        for (var j = 0; j < dimensions; j++)
        {
            for (var k = 0; k < samples; k++)
            {
                strata[k] = k;
            }

            RandomPermutation.Shuffle(strata, stream);
            for (var k = 0; k < samples; k++)
            {
                points[k][j] = (strata[k] + stream.NextUnit()) / samples;
            }
        }

        return points;
    }

    /// <summary>K points of <paramref name="space"/> in real units, indexed 0 to K - 1.</summary>
    public static IReadOnlyList<SamplePoint> Sample(FactorSpace space, int samples, RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(space);
        return [.. Unit(samples, space.Count, stream).Select((unit, k) => space.Point(k, unit))];
    }
}
