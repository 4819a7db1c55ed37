namespace MountSim.Calibration;

/// <summary>
/// How a fit runs: the seed every simulation uses (so the objective is a deterministic function of the
/// parameters), the cap on simulations of the whole set, and the simplex's stopping tolerance.
/// </summary>
public sealed record CalibrationOptions(ulong Seed = 1, int MaxIterations = 200, double Tolerance = 1e-4);
