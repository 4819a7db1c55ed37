using System.Globalization;

namespace MountSim.Yaml;

/// <summary>
/// A figure whose value is not known for certain: where it lives, its key path, the value in force and the
/// range it may plausibly take, with the citation and the reason for the range. A source entry written as
/// <c>{source: TEXT, range: [LO, HI], why: TEXT}</c> (or <c>factor: F</c>) gives one, with <c>measure: TEXT</c> when a
/// measurement (a command) would pin it down; values in ns for durations.
/// </summary>
/// <param name="Key">The figure's own key path: <c>smt_slowdown</c>, <c>parameters.rwsem_wakeup</c>, <c>recipes.close_attached.steps[0].cpu</c>, <c>phases.runc_create.steps[0]</c>, <c>path_walks</c>.</param>
/// <param name="Domain">What the figure's reader accepts; the range lies inside it.</param>
/// <param name="Nominal">The value in force: the file's, or the one a variant set.</param>
/// <param name="Source">The figure's citation.</param>
/// <param name="Why">Why the range is what it is: what is known, or that nothing is.</param>
public sealed record UncertainFigure(FigureHome Home, string Key, FigureDomain Domain, double Nominal, double Low, double High, string Source, string Why)
{
    public FigureId Id => new(Home, Key);

    /// <summary>The measurement that would pin the figure down (a command to run on the host); null when the file names none.</summary>
    public string? Measure { get; init; }

    /// <summary>The figure with another value in force, its range and reasons kept.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range, or not a whole number where one is needed.</exception>
    public UncertainFigure WithNominal(double value) => value >= Low && value <= High && Domain.Accepts(value)
        ? this with { Nominal = value }
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"{Id} takes {Describe()}; {Domain.Format(value)} is not {(Domain.Unit == FigureUnit.WholeNumber ? "a whole number " : string.Empty)}in it.");

    /// <summary>The figure, its range included, multiplied by <paramref name="factor"/> (a recipe's or a phase's cpu work scaled as a whole).</summary>
    public UncertainFigure Scaled(double factor) => this with { Nominal = Nominal * factor, Low = Low * factor, High = High * factor };

    /// <summary>The source entry as a file writes it, <c>{source: ..., range: [LO, HI], why: ..., measure: ...}</c>, which its reader takes back.</summary>
    /// <param name="citation">The figure's citation as the file's sources have it now.</param>
    /// <param name="quote">The writer's quoting of a text as a YAML scalar.</param>
    public string ToYamlEntry(string citation, Func<string, string> quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return $"{{source: {quote(citation)}, range: [{Domain.Yaml(Low)}, {Domain.Yaml(High)}], why: {quote(Why)}{(Measure is null ? string.Empty : $", measure: {quote(Measure)}")}}}";
    }

    /// <summary>The range for people: <c>[18 ns, 30 ns]</c>.</summary>
    public string Describe() => $"[{Domain.Format(Low)}, {Domain.Format(High)}]";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} = {Domain.Format(Nominal)} in {Describe()}");
}
