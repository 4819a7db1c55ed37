using System.Globalization;
using MountSim.Text;

namespace MountSim.Yaml;

/// <summary>
/// The values a reader accepts for one numeric figure: how it is written and its bounds (both inclusive
/// unless <paramref name="AboveMinimum"/>). A range given for the figure must stay inside them, so every
/// value in the range passes the reader's checks.
/// </summary>
/// <param name="AboveMinimum">The minimum itself is refused: a latency of 0 would be no transfer at all.</param>
public sealed record FigureDomain(FigureUnit Unit, double Minimum, double Maximum, bool AboveMinimum = false)
{
    public bool Accepts(double value) =>
        (AboveMinimum ? value > Minimum : value >= Minimum)
        && value <= Maximum
        && (Unit != FigureUnit.WholeNumber || value == Math.Floor(value));

    /// <summary>What the domain holds, for messages: "a duration above 0 ns", "a number from 1 to 4", "a whole number of at least 96".</summary>
    public string Describe()
    {
        var kind = Unit switch
        {
            FigureUnit.Duration => "a duration",
            FigureUnit.WholeNumber => "a whole number",
            _ => "a number",
        };
        var low = AboveMinimum ? $"above {Format(Minimum)}" : $"of at least {Format(Minimum)}";
        return Maximum >= double.MaxValue || (Unit == FigureUnit.Duration && Maximum >= YamlSource.MaxDurationNs)
            ? $"{kind} {low}"
            : AboveMinimum ? $"{kind} {low} and at most {Format(Maximum)}" : $"{kind} from {Format(Minimum)} to {Format(Maximum)}";
    }

    /// <summary>A value for people: durations in their largest unit (<c>46.6 ns</c>), numbers as they are.</summary>
    public string Format(double value) => Unit == FigureUnit.Duration
        ? Durations.Format(value)
        : value.ToString(Unit == FigureUnit.WholeNumber ? "#,0" : "0.####", CultureInfo.InvariantCulture);

    /// <summary>A value as the file's reader takes it back exactly: durations in ns with the unit, numbers round-trip.</summary>
    public string Yaml(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture) + (Unit == FigureUnit.Duration ? "ns" : string.Empty);
}
