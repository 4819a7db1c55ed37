namespace MountSim.Engine.Statistics;

/// <summary>
/// A streaming histogram with bounded relative error, in the manner of HdrHistogram: buckets
/// are the binades of a double (its exponent) split into 2^<see cref="SubBucketBits"/> equal
/// parts (the top mantissa bits), so a bucket index is a shift of the value's IEEE bits and a
/// reported quantile is within 2^-8 (0.4%) of the true sample quantile. Count, sum, min and max
/// are exact, the mean is the sum over the count, and the variance is computed from sums of
/// deviations from the first value (the shifted-data algorithm: as accurate as Welford's when
/// the first value is typical, and no division per record). Memory grows with the range of values seen (1 KiB per
/// binade), never with the number of values recorded.
/// </summary>
public sealed class Histogram
{
    public const int SubBucketBits = 7;
    private const int MantissaBits = 52;
    private const int Shift = MantissaBits - SubBucketBits;
    private const int BucketsPerBinade = 1 << SubBucketBits;

    private long[] _counts = [];
    private int _offset;
    private long _zeros;
    private double _shift;
    private double _shiftedSum;
    private double _shiftedSumOfSquares;

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.NaN;

    public double Max { get; private set; } = double.NaN;

    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Sample variance (n - 1 in the denominator).</summary>
    public double Variance =>
        Count < 2 ? double.NaN : Math.Max(0, (_shiftedSumOfSquares - (_shiftedSum * _shiftedSum / Count)) / (Count - 1));

    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Records one non-negative, finite value.</summary>
    public void Record(double value) => Record(value, 1);

    /// <summary>Records <paramref name="count"/> observations of the same value (a closed-form model's bulk outcome).</summary>
    public void Record(double value, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A histogram records finite values >= 0.");
        }

        if (value == 0)
        {
            _zeros += count;
        }
        else
        {
            var index = BucketIndex(value) - _offset;
            if ((uint)index >= (uint)_counts.Length)
            {
                index = GrowToInclude(index + _offset);
            }

            _counts[index] += count;
        }

        if (Count == 0)
        {
            _shift = value;
            Min = value;
            Max = value;
        }
        else if (value < Min)
        {
            Min = value;
        }
        else if (value > Max)
        {
            Max = value;
        }

        Count += count;
        Sum += value * count;
        var deviation = value - _shift;
        _shiftedSum += deviation * count;
        _shiftedSumOfSquares += deviation * deviation * count;
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> in [0, 1]: the smallest recorded value with at
    /// least q of the samples at or below it, to within the bucket's relative error. q = 1 is
    /// the exact maximum; NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies in [0, 1].");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        // The tolerance keeps 0.07 * 100 = 7.000000000000001 at rank 7, as a reader expects.
        var rank = Math.Max(1, (long)Math.Ceiling((q * Count) - 1e-9));
        if (rank == Count)
        {
            return Max;
        }

        var seen = _zeros;
        if (seen >= rank)
        {
            return 0;
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(BucketMidpoint(i + _offset), Min, Max);
            }
        }

        return Max;
    }

    /// <summary>Adds every value recorded in <paramref name="other"/>.</summary>
    public void Merge(Histogram other)
    {
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < other._counts.Length; i++)
        {
            if (other._counts[i] == 0)
            {
                continue;
            }

            var index = i + other._offset - _offset;
            if ((uint)index >= (uint)_counts.Length)
            {
                index = GrowToInclude(i + other._offset);
            }

            _counts[index] += other._counts[i];
        }

        if (Count == 0)
        {
            _shift = other._shift;
        }

        // Move the other's sums to this shift: sum(x - a) = sum(x - b) + n (b - a), and likewise for squares.
        var offset = other._shift - _shift;
        _shiftedSumOfSquares += other._shiftedSumOfSquares + (2 * offset * other._shiftedSum) + (other.Count * offset * offset);
        _shiftedSum += other._shiftedSum + (other.Count * offset);
        var total = Count + other.Count;
        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Count == 0 ? other.Max : Math.Max(Max, other.Max);
        _zeros += other._zeros;
        Sum += other.Sum;
        Count = total;
    }

    /// <summary>Forgets every value (e.g. at the end of a warm-up period) and keeps the buckets' memory.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _zeros = 0;
        Count = 0;
        Sum = 0;
        _shift = 0;
        _shiftedSum = 0;
        _shiftedSumOfSquares = 0;
        Min = double.NaN;
        Max = double.NaN;
    }

    private static int BucketIndex(double value) => (int)(BitConverter.DoubleToInt64Bits(value) >> Shift);

    private static double BucketMidpoint(int index)
    {
        var lower = BitConverter.Int64BitsToDouble((long)index << Shift);
        var upper = BitConverter.Int64BitsToDouble((long)(index + 1) << Shift);
        return (lower + upper) / 2;
    }

    /// <summary>
    /// Widens the bucket window to hold <paramref name="bucket"/> and returns its position. The
    /// window at least doubles on the side that grew (and starts four binades wide each way),
    /// so growth stops early in a run: a steady state records without allocating.
    /// </summary>
    private int GrowToInclude(int bucket)
    {
        const int slack = 4 * BucketsPerBinade;
        if (_counts.Length == 0)
        {
            _offset = Math.Max(0, bucket - slack);
            _counts = new long[(bucket - _offset) + slack];
            return bucket - _offset;
        }

        var low = _offset;
        var high = _offset + _counts.Length;
        if (bucket < low)
        {
            low = Math.Max(0, Math.Min(bucket - slack, low - _counts.Length));
        }
        else
        {
            high = Math.Max(bucket + slack, high + _counts.Length);
        }

        var counts = new long[high - low];
        Array.Copy(_counts, 0, counts, _offset - low, _counts.Length);
        _counts = counts;
        _offset = low;
        return bucket - _offset;
    }
}
