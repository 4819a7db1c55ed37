namespace MountSim.Engine;

/// <summary>
/// Simulated time is a <see cref="long"/> count of nanoseconds: mount costs are tens of
/// nanoseconds, and integer time keeps every run exact and reproducible (no drift, no
/// rounding that depends on the order of additions). 2^63 ns is 292 years.
/// </summary>
public static class SimTime
{
    public const long Nanosecond = 1;
    public const long Microsecond = 1_000;
    public const long Millisecond = 1_000_000;
    public const long Second = 1_000_000_000;

    /// <summary>A sampled duration in nanoseconds as ticks: rounded to nearest, negatives clamp to zero.</summary>
    public static long FromNanoseconds(double nanoseconds) =>
        nanoseconds > 0 ? (long)(nanoseconds + 0.5) : 0;

    public static double ToSeconds(long time) => time / (double)Second;

    public static double ToMilliseconds(long time) => time / (double)Millisecond;
}
