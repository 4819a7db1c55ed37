using MountSim.Engine.Random;

namespace MountSim.Engine.Distributions;

/// <summary>Uniform on [Lower, Upper).</summary>
public sealed record UniformDistribution : Distribution
{
    public UniformDistribution(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || upper < lower)
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"A uniform distribution needs finite bounds with lower <= upper (lower is {lower}).");
        }

        Lower = lower;
        Upper = upper;
    }

    public double Lower { get; }

    public double Upper { get; }

    public override double Mean => (Lower + Upper) / 2;

    public override double Sample(RandomStream random) => Lower + ((Upper - Lower) * random.NextUnit());

    public override string ToString() => $"uniform({Lower:R}, {Upper:R})";
}
