using MountSim.Kernel.Profiles;

namespace MountSim.Calibration;

/// <summary>
/// The per-call stage of a fit: the profile with each timed call's fitted costs, what was fitted (costs
/// in ns), how many call timings it saw, and its root mean square log error over them.
/// </summary>
public sealed record SyscallCostResult(KernelProfile Profile, IReadOnlyList<FittedParameter> Parameters, int Observations, double RmsLogError);
