using MountSim.Workload.Runtimes;

namespace MountSim.Calibration;

/// <summary>One phase's fit; a half-width is NaN where the data did not constrain it (the parsing with one table size).</summary>
public sealed record RuntimePhaseFit(string Phase, RuntimePhaseCost Start, RuntimePhaseCost Fitted, double UserspaceHalfWidthNs, double ParseHalfWidthNs, int Runs);
