namespace MountSim.Sensitivity;

/// <summary>
/// One uncertain input of a sensitivity analysis: a name, the range it may take and how the unit interval maps
/// onto that range. Every design works in the unit cube and turns its coordinates into real units here, so a
/// design's effects compare factors of different units. A log-scale factor maps the unit interval onto the
/// logarithm of its range: a range spanning a factor of 10 or more is then sampled evenly in every decade,
/// where a linear map would spend nine tenths of its points in the top decade.
/// </summary>
public sealed record Factor
{
    public Factor(string name, double low, double high, bool logScale = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A factor needs a name.", nameof(name));
        }

        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException($"Factor '{name}': its bounds must be finite numbers (low {low}, high {high}).", nameof(low));
        }

        if (!(low < high))
        {
            throw new ArgumentException($"Factor '{name}': its low bound ({low}) must be below its high bound ({high}).", nameof(low));
        }

        if (logScale && low <= 0)
        {
            throw new ArgumentException($"Factor '{name}': a log-scale factor's low bound must be above 0 (it is {low}).", nameof(low));
        }

        Name = name;
        Low = low;
        High = high;
        LogScale = logScale;
    }

    public string Name { get; }

    public double Low { get; }

    public double High { get; }

    /// <summary>Whether the unit interval maps onto [log Low, log High] rather than [Low, High].</summary>
    public bool LogScale { get; }

    /// <summary>The factor's value at <paramref name="unit"/> in [0, 1]: <see cref="Low"/> at 0, <see cref="High"/> at 1.</summary>
    public double FromUnit(double unit)
    {
        if (!(unit is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"Factor '{Name}': a unit coordinate must lie in [0, 1].");
        }

        return LogScale ? Low * Math.Pow(High / Low, unit) : Low + (unit * (High - Low));
    }
}
