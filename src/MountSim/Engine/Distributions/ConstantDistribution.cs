using MountSim.Engine.Random;

namespace MountSim.Engine.Distributions;

/// <summary>Always the same value; draws nothing from the stream.</summary>
public sealed record ConstantDistribution(double Value) : Distribution
{
    public override double Mean => Value;

    public override double Sample(RandomStream random) => Value;

    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
