using System.Globalization;
using MountSim.Text;

namespace MountSim.Workload;

/// <summary>
/// How often a mountinfo watcher may re-read the table: at most <see cref="Burst"/> reads in each
/// window of <see cref="IntervalNs"/>, after which further events wait for the window to end. The
/// default is systemd's: src/core/mount.c sets sd_event_source_set_ratelimit(mount_event_source,
/// 1 s, 5) since v249 (SYSTEMD_DEFAULT_MOUNT_RATE_LIMIT_BURST overrides the burst; Bottlerocket
/// raised it to 25) [SRC].
/// </summary>
public sealed record WatcherRateLimit(int Burst, double IntervalNs)
{
    public static WatcherRateLimit Systemd { get; } = new(5, 1e9);

    /// <summary>A watcher that re-reads on every event, as systemd did before v249.</summary>
    public static WatcherRateLimit None { get; } = new(int.MaxValue, 0);

    public bool IsNone => Burst == int.MaxValue;

    /// <summary>Parses <c>none</c> or <c>BURST/INTERVAL</c>, e.g. <c>5/1s</c>.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static WatcherRateLimit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "none")
        {
            return None;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var burst) && burst > 0
            && Durations.TryParseNanoseconds(text[(slash + 1)..], out var interval) && interval > 0)
        {
            return new WatcherRateLimit(burst, interval);
        }

        throw new FormatException($"'{text}': expected none or BURST/INTERVAL with a whole BURST > 0 and a duration INTERVAL > 0, e.g. 5/1s");
    }

    public override string ToString() => IsNone ? "none" : $"{Burst}/{Durations.Format(IntervalNs)}";
}
