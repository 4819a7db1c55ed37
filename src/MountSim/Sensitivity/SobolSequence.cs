using MountSim.Engine.Random;

namespace MountSim.Sensitivity;

/// <summary>
/// The Sobol' low-discrepancy sequence (Sobol' 1967) in up to <see cref="MaxDimensions"/> dimensions, with the
/// direction numbers of Joe and Kuo (2008, file new-joe-kuo-6.21201: primitive polynomials and initial numbers
/// chosen for good two-dimensional projections), 32 bits, points in Gray-code order as in their reference
/// generator. The first 2^m points fill every elementary box of volume 2^-m evenly, so a power-of-two count
/// gives the sequence's best balance. Forty dimensions are enough for Saltelli's design of 20 factors, which
/// draws its matrices A and B from the two halves of one 2d-dimensional sequence.
/// </summary>
public static class SobolSequence
{
    public const int MaxDimensions = 40;

    private const int Bits = 32;

    /// <summary>Joe and Kuo's rows for dimensions 2 to 40: degree s, polynomial coefficients a, initial numbers m_1..m_s.</summary>
    private static readonly DirectionRow[] Rows =
    [
        new(1, 0, [1]),
        new(2, 1, [1, 3]),
        new(3, 1, [1, 3, 1]),
        new(3, 2, [1, 1, 1]),
        new(4, 1, [1, 1, 3, 3]),
        new(4, 4, [1, 3, 5, 13]),
        new(5, 2, [1, 1, 5, 5, 17]),
        new(5, 4, [1, 1, 5, 5, 5]),
        new(5, 7, [1, 1, 7, 11, 19]),
        new(5, 11, [1, 1, 5, 1, 1]),
        new(5, 13, [1, 1, 1, 3, 11]),
        new(5, 14, [1, 3, 5, 5, 31]),
        new(6, 1, [1, 3, 3, 9, 7, 49]),
        new(6, 13, [1, 1, 1, 15, 21, 21]),
        new(6, 16, [1, 3, 1, 13, 27, 49]),
        new(6, 19, [1, 1, 1, 15, 7, 5]),
        new(6, 22, [1, 3, 1, 15, 13, 25]),
        new(6, 25, [1, 1, 5, 5, 19, 61]),
        new(7, 1, [1, 3, 7, 11, 23, 15, 103]),
        new(7, 4, [1, 3, 7, 13, 13, 15, 69]),
        new(7, 7, [1, 1, 3, 13, 7, 35, 63]),
        new(7, 8, [1, 3, 5, 9, 1, 25, 53]),
        new(7, 14, [1, 3, 1, 13, 9, 35, 107]),
        new(7, 19, [1, 3, 1, 5, 27, 61, 31]),
        new(7, 21, [1, 1, 5, 11, 19, 41, 61]),
        new(7, 28, [1, 3, 5, 3, 3, 13, 69]),
        new(7, 31, [1, 1, 7, 13, 1, 19, 1]),
        new(7, 32, [1, 3, 7, 5, 13, 19, 59]),
        new(7, 37, [1, 1, 3, 9, 25, 29, 41]),
        new(7, 41, [1, 3, 5, 13, 23, 1, 55]),
        new(7, 42, [1, 3, 7, 3, 13, 59, 17]),
        new(7, 50, [1, 3, 1, 3, 5, 53, 69]),
        new(7, 55, [1, 1, 5, 5, 23, 33, 13]),
        new(7, 56, [1, 1, 7, 7, 1, 61, 123]),
        new(7, 59, [1, 1, 7, 9, 13, 61, 49]),
        new(7, 62, [1, 3, 3, 5, 3, 55, 33]),
        new(8, 14, [1, 3, 1, 15, 31, 13, 49, 245]),
        new(8, 21, [1, 3, 5, 15, 31, 59, 63, 97]),
        new(8, 22, [1, 3, 1, 11, 11, 11, 77, 249]),
    ];

    /// <summary>The first <paramref name="count"/> points, as [point][dimension]; point 0 is the origin.</summary>
    public static double[][] Points(int count, int dimensions) => Generate(count, dimensions, new uint[dimensions]);

    /// <summary>
    /// The first <paramref name="count"/> points after a random digital shift (each dimension's bits XORed with a
    /// word drawn from <paramref name="stream"/>): a randomized quasi-Monte Carlo sequence that keeps every balance
    /// property, makes estimates unbiased, leaves the origin (a corner of the cube) out, and lets a seed choose the
    /// design.
    /// </summary>
    public static double[][] ShiftedPoints(int count, int dimensions, RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckDimensions(dimensions);
        var shifts = new uint[dimensions];
        for (var j = 0; j < dimensions; j++)
        {
            shifts[j] = (uint)(stream.NextUInt64() >> 32);
        }

        return Generate(count, dimensions, shifts);
    }

    private static double[][] Generate(int count, int dimensions, uint[] shifts)
    {
        CheckDimensions(dimensions);
        if (count < 1)
        {
            throw new ArgumentException($"A Sobol' sequence needs at least 1 point (got {count}).", nameof(count));
        }

        var directions = new uint[dimensions][];
        for (var j = 0; j < dimensions; j++)
        {
            directions[j] = Directions(j);
        }

        const double Scale = 1.0 / (1UL << Bits);
        var points = new double[count][];
        var state = new uint[dimensions];
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                // Gray-code order: point i differs from point i - 1 by one direction number, that of the lowest zero bit of i - 1.
                var bit = System.Numerics.BitOperations.TrailingZeroCount(~(uint)(i - 1));
                for (var j = 0; j < dimensions; j++)
                {
                    state[j] ^= directions[j][bit];
                }
            }

            var point = new double[dimensions];
            for (var j = 0; j < dimensions; j++)
            {
                point[j] = (state[j] ^ shifts[j]) * Scale;
            }

            points[i] = point;
        }

        return points;
    }

    /// <summary>Dimension <paramref name="dimension"/>'s (from 0) direction numbers v_1..v_32, scaled to 32 bits, at [0..31].</summary>
    private static uint[] Directions(int dimension)
    {
        var v = new uint[Bits];
        if (dimension == 0)
        {
            // The first dimension is van der Corput's sequence in base 2: every m_k = 1.
            for (var k = 0; k < Bits; k++)
            {
                v[k] = 1u << (Bits - 1 - k);
            }

            return v;
        }

        var (s, a, m) = Rows[dimension - 1];
        for (var k = 0; k < s; k++)
        {
            v[k] = m[k] << (Bits - 1 - k);
        }

        // The recurrence of the primitive polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 over GF(2).
        for (var k = s; k < Bits; k++)
        {
            v[k] = v[k - s] ^ (v[k - s] >> s);
            for (var l = 1; l < s; l++)
            {
                if (((a >> (s - 1 - l)) & 1) == 1)
                {
                    v[k] ^= v[k - l];
                }
            }
        }

        return v;
    }

    private static void CheckDimensions(int dimensions)
    {
        if (dimensions is < 1 or > MaxDimensions)
        {
            throw new ArgumentException($"A Sobol' sequence here has 1 to {MaxDimensions} dimensions (the Joe-Kuo rows built in); got {dimensions}.", nameof(dimensions));
        }
    }

    private sealed record DirectionRow(int Degree, uint Coefficients, uint[] Initial);
}
