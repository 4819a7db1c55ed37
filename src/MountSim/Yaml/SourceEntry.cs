using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MountSim.Yaml;

/// <summary>
/// One citation as a file writes it: a text, or a mapping <c>{source: TEXT, range: [LO, HI], why: TEXT}</c>
/// (or <c>factor: F</c> for [value / F, value x F]) that also says how far the figure may be off, and optionally
/// <c>measure: TEXT</c>, the measurement that would pin it down. The range
/// is checked once the figure it belongs to is known (<see cref="Uncertain"/>), against what that figure's
/// reader accepts, so its bounds are written as the figure is (durations with a unit).
/// </summary>
internal sealed class SourceEntry
{
    private static readonly string[] Keys = ["source", "range", "factor", "why", "measure"];

    private readonly YamlSource _source;
    private readonly YamlMap? _map;

    private SourceEntry(YamlSource source, YamlNode node, string field, string text, YamlMap? map)
    {
        _source = source;
        Node = node;
        Field = field;
        Text = text;
        _map = map;
    }

    /// <summary>The citation.</summary>
    public string Text { get; }

    /// <summary>Whether the entry gives a range (it is a mapping).</summary>
    public bool HasRange => _map is not null;

    /// <summary>Where errors about the entry point.</summary>
    public YamlNode Node { get; }

    public string Field { get; }

    /// <summary>Reads a citation or a range mapping; the range itself is checked by <see cref="Uncertain"/>.</summary>
    public static SourceEntry Read(YamlSource source, YamlNode node, string field)
    {
        if (node is not YamlMappingNode)
        {
            return new SourceEntry(source, node, field, source.String(node, field), null);
        }

        var map = source.Map(node, field, Keys);
        var text = source.String(map.Required("source", "the figure's citation, as a plain entry gives it"), map.PathOf("source"));
        if (map.Has("range") && map.Has("factor"))
        {
            throw source.Error(map.KeyNode("factor"), map.PathOf("factor"), "give either range: [LO, HI] or factor: F, not both");
        }

        if (!map.Has("range") && !map.Has("factor"))
        {
            throw source.Error(node, map.PathOf("range"), "missing; a mapping entry gives the figure's range: range: [LO, HI] or factor: F (write a plain citation when there is none)");
        }

        source.String(map.Required("why", "why the range is what it is: what is known, or that nothing is"), map.PathOf("why"));
        if (map.Optional("measure") is { } measure)
        {
            source.String(measure, map.PathOf("measure"));
        }

        return new SourceEntry(source, node, field, text, map);
    }

    /// <summary>The error for a range given to something that is not one number.</summary>
    public InputFileException NotANumber(string key, string what) =>
        _source.Error(Node, Field, $"a range needs one numeric figure, and {key} {what}");

    /// <summary>The figure with its range, checked: within what the reader accepts, low not above high, holding <paramref name="nominal"/>.</summary>
    /// <param name="key">The figure's own key path.</param>
    /// <param name="domain">What the figure's reader accepts.</param>
    /// <param name="nominal">The value the file gives the figure.</param>
    public UncertainFigure Uncertain(FigureHome home, string key, FigureDomain domain, double nominal)
    {
        var map = _map ?? throw new InvalidOperationException("A plain citation gives no range.");
        var why = _source.String(map.Required("why", string.Empty), map.PathOf("why"));
        double low, high;
        if (map.Optional("factor") is { } factorNode)
        {
            var factor = _source.Number(factorNode, map.PathOf("factor"), double.MinValue);
            if (!(factor > 1))
            {
                throw _source.Error(factorNode, map.PathOf("factor"), string.Create(CultureInfo.InvariantCulture, $"expected a factor above 1 (the range is [value / F, value x F]), got {factor}"));
            }

            (low, high) = (nominal / factor, nominal * factor);
            if (domain.Unit == FigureUnit.WholeNumber)
            {
                // A count's range is whole numbers, rounded outward so that it still spans the factor.
                (low, high) = (Math.Floor(low), Math.Ceiling(high));
            }

            if (!domain.Accepts(low) || !domain.Accepts(high))
            {
                throw _source.Error(factorNode, map.PathOf("factor"), $"factor {factor.ToString(CultureInfo.InvariantCulture)} gives [{domain.Format(low)}, {domain.Format(high)}], outside what {key} accepts ({domain.Describe()}); give range: [LO, HI] inside it");
            }
        }
        else
        {
            var rangeNode = map.Optional("range")!;
            var bounds = _source.Sequence(rangeNode, map.PathOf("range"), "two values [LO, HI]");
            if (bounds.Count != 2)
            {
                throw _source.Error(rangeNode, map.PathOf("range"), string.Create(CultureInfo.InvariantCulture, $"expected two values [LO, HI], got {bounds.Count}"));
            }

            low = Bound(bounds[0], map.PathOf("range") + "[0]", key, domain);
            high = Bound(bounds[1], map.PathOf("range") + "[1]", key, domain);
            if (low > high)
            {
                throw _source.Error(rangeNode, map.PathOf("range"), $"low {domain.Format(low)} is above high {domain.Format(high)}; expected [LO, HI] with LO <= HI");
            }

            if (nominal < low || nominal > high)
            {
                throw _source.Error(rangeNode, map.PathOf("range"), $"{key} is {domain.Format(nominal)}, outside [{domain.Format(low)}, {domain.Format(high)}]; a range must hold the value it is given for");
            }
        }

        var measure = map.Optional("measure") is { } m ? _source.String(m, map.PathOf("measure")) : null;
        return new UncertainFigure(home, key, domain, nominal, low, high, Text, why) { Measure = measure };
    }

    /// <summary>One bound, written as the figure is, and inside what its reader accepts.</summary>
    private double Bound(YamlNode node, string field, string key, FigureDomain domain)
    {
        var value = domain.Unit switch
        {
            FigureUnit.Duration => _source.DurationNs(node, field),
            FigureUnit.WholeNumber => _source.Int(node, field, int.MinValue),
            _ => _source.Number(node, field, double.MinValue),
        };
        return domain.Accepts(value)
            ? value
            : throw _source.Error(node, field, $"{domain.Format(value)} is outside what {key} accepts: expected {domain.Describe()}");
    }
}
