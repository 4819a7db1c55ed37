namespace MountSim.Calibration;

/// <summary>
/// What the real-mount harness measured on one host (<c>mountsim harness run</c>): container setups of
/// several configurations, some to fit the kernel's costs to and some held out to validate them.
/// </summary>
public sealed record Measurements(MeasuredHost Host, IReadOnlyList<MeasuredConfiguration> Configurations)
{
    /// <summary>The configurations the fit uses (<c>fit: true</c>).</summary>
    public IEnumerable<MeasuredConfiguration> ForFitting => Configurations.Where(c => c.Fit);

    /// <summary>The configurations held out for validation (<c>fit: false</c>).</summary>
    public IEnumerable<MeasuredConfiguration> HeldOut => Configurations.Where(c => !c.Fit);
}
