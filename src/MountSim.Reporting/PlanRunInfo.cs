namespace MountSim.Reporting;

/// <summary>How a plan was run, for its report: simulations (those an earlier attempt left included), jobs, time, version.</summary>
public sealed record PlanRunInfo(int Simulations, int Resumed, int Jobs, TimeSpan Elapsed, string Version);
