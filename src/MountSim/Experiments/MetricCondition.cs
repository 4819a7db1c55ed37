using System.Globalization;
using MountSim.Workload;

namespace MountSim.Experiments;

/// <summary>
/// A bound on a metric of the catalog, written <c>start_latency_p99_ms &lt;= 5000</c>: a term of a service-level
/// objective, or (<c>--stop-when</c>) the condition that ends a run as soon as it is certain.
/// </summary>
public sealed record MetricCondition(Metric Metric, ComparisonOperator Operator, double Bound)
{
    /// <summary>The forms <see cref="Parse"/> takes.</summary>
    public const string Syntax = "METRIC OP NUMBER, OP one of <=, <, >=, >, ==, !=, e.g. start_latency_p99_ms <= 5000";

    private static readonly (string Text, ComparisonOperator Operator)[] Operators =
    [
        ("<=", ComparisonOperator.AtMost), (">=", ComparisonOperator.AtLeast), ("==", ComparisonOperator.Equal),
        ("!=", ComparisonOperator.NotEqual), ("<", ComparisonOperator.Below), (">", ComparisonOperator.Above),
    ];

    /// <exception cref="FormatException">Not <see cref="Syntax"/>.</exception>
    /// <exception cref="Yaml.UnknownNameException">The metric is not in the catalog.</exception>
    public static MetricCondition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (symbol, op) in Operators)
        {
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var name = text[..at].Trim();
            var number = text[(at + symbol.Length)..].Trim();
            if (name.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) || !double.IsFinite(bound))
            {
                break;
            }

            return new MetricCondition(MetricCatalog.Find(name), op, bound);
        }

        throw new FormatException($"'{text}': expected {Syntax}.");
    }

    /// <summary>Whether <paramref name="value"/> meets the condition; NaN meets none.</summary>
    public bool Holds(double value) => Operator switch
    {
        ComparisonOperator.AtMost => value <= Bound,
        ComparisonOperator.Below => value < Bound,
        ComparisonOperator.AtLeast => value >= Bound,
        ComparisonOperator.Above => value > Bound,
        ComparisonOperator.Equal => value == Bound,
        _ => !double.IsNaN(value) && value != Bound,
    };

    /// <summary>The condition that holds exactly when this one does not: a broken SLO term.</summary>
    public MetricCondition Negation => this with
    {
        Operator = Operator switch
        {
            ComparisonOperator.AtMost => ComparisonOperator.Above,
            ComparisonOperator.Below => ComparisonOperator.AtLeast,
            ComparisonOperator.AtLeast => ComparisonOperator.Below,
            ComparisonOperator.Above => ComparisonOperator.AtMost,
            ComparisonOperator.Equal => ComparisonOperator.NotEqual,
            _ => ComparisonOperator.Equal,
        },
    };

    /// <summary>Whether <see cref="IsCertain"/> can ever say yes before a run ends.</summary>
    public bool CanBeCertainEarly => Metric.AtLeast is not null && Operator is ComparisonOperator.Above or ComparisonOperator.AtLeast or ComparisonOperator.NotEqual;

    /// <summary>
    /// Whether the run's final value will meet the condition whatever happens next: only for a metric with a
    /// running lower bound (<see cref="Metric.AtLeast"/>) and a condition that a larger value keeps true (&gt;,
    /// &gt;=, and != of a bound already passed). Exact on the starts; the final tables' quantiles are read from
    /// histograms with 1/128 relative resolution, so a value within that of the bound may read either side.
    /// </summary>
    public bool IsCertain(StartsSoFar starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (!CanBeCertainEarly)
        {
            return false;
        }

        var floor = Metric.AtLeast!(starts);
        return Operator == ComparisonOperator.NotEqual ? floor > Bound : Holds(floor);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Metric.Name} {Operators.First(o => o.Operator == Operator).Text} {Bound}");
}
