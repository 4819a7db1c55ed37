using MountSim.Engine.Random;

namespace MountSim.Engine.Distributions;

/// <summary>
/// The empirical distribution of measured samples: each draw is one of the samples, picked
/// uniformly (a bootstrap), so the distribution's mean is exactly the sample mean and no value
/// is produced that was never measured.
/// </summary>
public sealed record EmpiricalDistribution : Distribution
{
    private readonly double[] _samples;

    public EmpiricalDistribution(IEnumerable<double> samples)
    {
        _samples = [.. samples];
        if (_samples.Length == 0)
        {
            throw new ArgumentException("An empirical distribution needs at least one sample.", nameof(samples));
        }

        if (!_samples.All(double.IsFinite))
        {
            throw new ArgumentException("An empirical distribution's samples must be finite numbers.", nameof(samples));
        }

        Array.Sort(_samples);
        Mean = _samples.Average();
    }

    public IReadOnlyList<double> Samples => _samples;

    public override double Mean { get; }

    public override double Sample(RandomStream random) => _samples[(int)(random.NextUnit() * _samples.Length)];

    public bool Equals(EmpiricalDistribution? other) =>
        other is not null && _samples.AsSpan().SequenceEqual(other._samples);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var sample in _samples)
        {
            hash.Add(sample);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"empirical({_samples.Length} samples, mean={Mean:R})";
}
