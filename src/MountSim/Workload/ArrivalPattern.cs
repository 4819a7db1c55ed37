using System.Globalization;
using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Text;

namespace MountSim.Workload;

/// <summary>
/// When container starts arrive (../shared/design/MODEL.md section 6): all at once, as a Poisson stream, at a fixed
/// interval, or on a ramp whose rate rises linearly from zero. A value, parsed from
/// <c>burst</c>, <c>poisson:RATE</c> (per second), <c>interval:DURATION</c> or <c>ramp:DURATION</c>.
/// </summary>
public abstract record ArrivalPattern
{
    public static ArrivalPattern Burst { get; } = new BurstArrivals();

    public static IReadOnlyList<string> Forms { get; } = ["burst", "poisson:RATE", "interval:DURATION", "ramp:DURATION"];

    /// <summary>Arrival times in ns of <paramref name="count"/> starts, in order.</summary>
    public abstract IReadOnlyList<long> Times(int count, RandomStream random);

    /// <exception cref="FormatException">Not one of <see cref="Forms"/>.</exception>
    public static ArrivalPattern Parse(string text)
    {
        var (kind, argument) = text.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? (text[..colon], text[(colon + 1)..])
            : (text, string.Empty);
        return kind switch
        {
            "burst" when argument.Length == 0 => Burst,
            "poisson" => new PoissonArrivals(PositiveNumber(argument, text)),
            "interval" => new IntervalArrivals(Duration(argument, text)),
            "ramp" => new RampArrivals(Duration(argument, text)),
            _ => throw new FormatException($"Unknown arrival pattern '{text}': expected one of {string.Join(", ", Forms)}."),
        };
    }

    private static double PositiveNumber(string argument, string text) =>
        double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"Arrival pattern '{text}': expected a rate > 0 per second after the colon.");

    private static long Duration(string argument, string text) =>
        Durations.TryParseNanoseconds(argument, out var ns) && ns > 0
            ? SimTime.FromNanoseconds(ns)
            : throw new FormatException($"Arrival pattern '{text}': expected a duration > 0 such as 500us, 20ms or 2s after the colon.");

    private sealed record BurstArrivals : ArrivalPattern
    {
        public override IReadOnlyList<long> Times(int count, RandomStream random) => new long[count];

        public override string ToString() => "burst";
    }

    private sealed record PoissonArrivals(double PerSecond) : ArrivalPattern
    {
        public override IReadOnlyList<long> Times(int count, RandomStream random)
        {
            var times = new long[count];
            double t = 0;
            for (var i = 0; i < count; i++)
            {
                t += -Math.Log(1 - random.NextUnit()) * 1e9 / PerSecond;
                times[i] = SimTime.FromNanoseconds(t);
            }

            return times;
        }

        public override string ToString() => FormattableString.Invariant($"poisson:{PerSecond}");
    }

    private sealed record IntervalArrivals(long IntervalNs) : ArrivalPattern
    {
        public override IReadOnlyList<long> Times(int count, RandomStream random) =>
            [.. Enumerable.Range(0, count).Select(i => i * IntervalNs)];

        public override string ToString() => FormattableString.Invariant($"interval:{IntervalNs}ns");
    }

    /// <summary>Rate rising linearly from zero, so that all arrive within the ramp: t_i = D sqrt(i / n).</summary>
    private sealed record RampArrivals(long DurationNs) : ArrivalPattern
    {
        public override IReadOnlyList<long> Times(int count, RandomStream random) =>
            [.. Enumerable.Range(0, count).Select(i => SimTime.FromNanoseconds(DurationNs * Math.Sqrt((double)i / count)))];

        public override string ToString() => FormattableString.Invariant($"ramp:{DurationNs}ns");
    }
}
