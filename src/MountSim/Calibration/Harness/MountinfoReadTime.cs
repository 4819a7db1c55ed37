namespace MountSim.Calibration.Harness;

/// <summary>Reads that returned <paramref name="Lines"/> lines: how many, and their mean time.</summary>
public sealed record MountinfoReadTime(int Lines, long Reads, double MeanUs);
