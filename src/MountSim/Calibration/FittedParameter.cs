namespace MountSim.Calibration;

/// <summary>
/// One cost the calibration can fit: its start and fitted values (ns, or a factor for <c>cpu_scale</c>),
/// whether the data constrained it, and why not when it did not. <see cref="Uncertainty"/> is the half-width
/// of its 95% interval as a relative error (0.08: within 8%); NaN when it was not fitted.
/// </summary>
public sealed record FittedParameter(string Key, double Start, double Fitted, bool Identifiable, string Note, double Uncertainty = double.NaN);
