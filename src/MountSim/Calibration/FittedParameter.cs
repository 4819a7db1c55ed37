namespace MountSim.Calibration;

/// <summary>
/// One cost the calibration can fit: its start and fitted values (ns, or a factor for <c>cpu_scale</c>),
/// whether the data constrained it, and why not when it did not.
/// </summary>
public sealed record FittedParameter(string Key, double Start, double Fitted, bool Identifiable, string Note);
