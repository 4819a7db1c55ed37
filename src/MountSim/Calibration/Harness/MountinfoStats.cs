namespace MountSim.Calibration.Harness;

/// <summary>Re-reads of /proc/thread-self/mountinfo during the churn: how long a read took against how many lines it returned.</summary>
/// <param name="ReadTimeByLines">Mean read time per line count, ascending by lines.</param>
public sealed record MountinfoStats(LatencyStats ReadUs, LatencyStats Lines, IReadOnlyList<MountinfoReadTime> ReadTimeByLines);
