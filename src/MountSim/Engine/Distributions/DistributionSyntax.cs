using System.Globalization;

namespace MountSim.Engine.Distributions;

/// <summary>
/// Distributions written as short text, for command lines and experiment files: <c>50</c>,
/// <c>uniform:20:80</c>, <c>exponential:MEAN</c>, <c>normal:MEAN:SD</c>, <c>lognormal:MEAN:SD</c>
/// (the moments of the value itself), <c>empirical:v1,v2,...</c>.
/// </summary>
public static class DistributionSyntax
{
    public static IReadOnlyList<string> Forms { get; } =
        ["NUMBER", "uniform:LOW:HIGH", "exponential:MEAN", "normal:MEAN:SD", "lognormal:MEAN:SD", "empirical:V1,V2,..."];

    /// <exception cref="FormatException">Not one of <see cref="Forms"/>, or parameters out of range.</exception>
    public static Distribution Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        try
        {
            return (parts[0], parts.Length) switch
            {
                (_, 1) => Distribution.Constant(Number(parts[0], text)),
                ("uniform", 3) => Distribution.Uniform(Number(parts[1], text), Number(parts[2], text)),
                ("exponential", 2) => Distribution.Exponential(Number(parts[1], text)),
                ("normal", 3) => Distribution.Normal(Number(parts[1], text), Number(parts[2], text)),
                ("lognormal", 3) => LogNormalDistribution.FromMeanAndStandardDeviation(Number(parts[1], text), Number(parts[2], text)),
                ("empirical", 2) => Distribution.Empirical(parts[1].Split(',').Select(v => Number(v, text))),
                _ => throw Malformed(text),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            // The parameter's own words, without .NET's "(Parameter ...) Actual value was" lines.
            throw new FormatException(FormattableString.Invariant($"'{text}': {e.Message.Split(" (Parameter", 2)[0].TrimEnd('.')}, got {e.ActualValue}"), e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}': {e.Message}", e);
        }
    }

    private static double Number(string part, string text) =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Malformed(text);

    private static FormatException Malformed(string text) =>
        new($"'{text}' is not a distribution: expected one of {string.Join(", ", Forms)}.");
}
