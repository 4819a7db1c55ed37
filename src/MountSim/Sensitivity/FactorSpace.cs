namespace MountSim.Sensitivity;

/// <summary>The factors of one analysis, in order: coordinate i of every design point is factor i.</summary>
public sealed class FactorSpace
{
    private readonly Factor[] _factors;

    public FactorSpace(IEnumerable<Factor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        _factors = [.. factors];
        if (_factors.Length == 0)
        {
            throw new ArgumentException("A sensitivity analysis needs at least one factor.", nameof(factors));
        }

        if (Array.IndexOf(_factors, null) is var missing and >= 0)
        {
            throw new ArgumentException($"Factor {missing} is missing (null).", nameof(factors));
        }

        var repeated = _factors.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new ArgumentException($"Factor names must be distinct; given more than once: {string.Join(", ", repeated)}.", nameof(factors));
        }
    }

    public IReadOnlyList<Factor> Factors => _factors;

    public int Count => _factors.Length;

    /// <summary>The point in real units at unit-cube coordinates <paramref name="unit"/> (one per factor).</summary>
    public double[] FromUnit(ReadOnlySpan<double> unit)
    {
        if (unit.Length != _factors.Length)
        {
            throw new ArgumentException($"Expected {_factors.Length} unit coordinates, one per factor, but got {unit.Length}.", nameof(unit));
        }

        var values = new double[unit.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _factors[i].FromUnit(unit[i]);
        }

        return values;
    }

    internal SamplePoint Point(int index, ReadOnlySpan<double> unit) => new(index, FromUnit(unit));
}
