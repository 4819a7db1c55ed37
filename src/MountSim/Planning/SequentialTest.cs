using MathNet.Numerics.Distributions;
using MountSim.Experiments;

namespace MountSim.Planning;

/// <summary>
/// Whether an objective holds at one probe, from as few replications as make it clear: each term's mean over the
/// replications with its Student-t interval at the asked confidence. A term holds clearly when the whole interval
/// meets its bound, and is broken clearly when none of it does; the probe is decided as soon as one term is
/// broken clearly or every term holds clearly, after <see cref="MinReplications"/> runs at least. At
/// <see cref="MaxReplications"/> the means decide, and the verdict is marked unclear.
/// </summary>
public sealed record SequentialTest(double Confidence, int MinReplications, int MaxReplications)
{
    /// <param name="values">Per replication, per term: the run's value; NaN where the run stopped on another term.</param>
    /// <param name="stoppedBy">Per replication: the term whose breach ended it early, or null.</param>
    /// <returns>The verdict, or null when another replication is needed.</returns>
    public ProbeVerdict? Decide(IReadOnlyList<MetricCondition> terms, IReadOnlyList<IReadOnlyList<double>> values, IReadOnlyList<int?> stoppedBy)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(stoppedBy);
        var n = values.Count;
        if (n < MinReplications)
        {
            return null;
        }

        var states = terms.Select((term, t) => State(term, [.. values.Select(v => v[t]).Where(v => !double.IsNaN(v))], stoppedBy.Contains(t))).ToList();
        var means = states.Select(s => s.Mean).ToList();
        if (states.FindIndex(s => s.Clear == false) is var broken and >= 0)
        {
            return new ProbeVerdict(false, true, n, means, broken);
        }

        if (states.TrueForAll(s => s.Clear == true))
        {
            return new ProbeVerdict(true, true, n, means, Tightest(terms, means));
        }

        if (n < MaxReplications)
        {
            return null;
        }

        // Out of replications: the means decide, unclear.
        var failing = terms.Select((term, t) => (term, t)).FirstOrDefault(x => !x.term.Holds(means[x.t]));
        return failing.term is null
            ? new ProbeVerdict(true, false, n, means, Tightest(terms, means))
            : new ProbeVerdict(false, false, n, means, failing.t);
    }

    /// <summary>A term's mean and whether it clearly holds (true), is clearly broken (false), or neither (null).</summary>
    private (double Mean, bool? Clear) State(MetricCondition term, double[] values, bool stoppedByIt)
    {
        if (values.Length == 0)
        {
            return (double.NaN, null);
        }

        var mean = values.Average();
        var halfWidth = 0.0;
        if (values.Length > 1)
        {
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            halfWidth = sd == 0 ? 0 : StudentT.InvCDF(0, 1, values.Length - 1, (1 + Confidence) / 2) * sd / Math.Sqrt(values.Length);
        }

        var (low, high) = (mean - halfWidth, mean + halfWidth);
        var bound = term.Bound;
        var holdsAll = term.Operator switch
        {
            ComparisonOperator.Equal => low == bound && high == bound,
            ComparisonOperator.NotEqual => bound < low || bound > high,
            _ => term.Holds(low) && term.Holds(high),
        };
        var holdsNone = term.Operator switch
        {
            ComparisonOperator.Equal => bound < low || bound > high,
            ComparisonOperator.NotEqual => low == bound && high == bound,
            _ => !term.Holds(low) && !term.Holds(high),
        };

        // A run that stopped on this term certainly broke it: its value is only a floor, so the term cannot hold clearly.
        return (mean, holdsAll && !stoppedByIt ? true : holdsNone ? false : null);
    }

    /// <summary>The term nearest its bound, relative to the bound: what binds first as the load grows.</summary>
    private static int Tightest(IReadOnlyList<MetricCondition> terms, IReadOnlyList<double> means) =>
        Enumerable.Range(0, terms.Count).MinBy(t => Math.Abs(terms[t].Bound - means[t]) / Math.Max(Math.Abs(terms[t].Bound), 1e-9));
}
