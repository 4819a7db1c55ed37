namespace MountSim.Calibration.Harness;

/// <summary>
/// What <c>mountsim harness run</c> measured on a real kernel, as written to its JSON file (snake_case
/// names; see <see cref="HarnessMeasurementsJson"/>). Times are microseconds.
/// </summary>
/// <param name="MergedTreesIdentical">Every strategy showed the same merged tree (paths, owners, modes, sizes, contents).</param>
/// <param name="OwnershipShifted">Owners in the merged tree were the on-disk ones shifted by the id map (0 → 100000, 1000 → 101000).</param>
/// <param name="CheckFailures">What the correctness check found wrong, in words; empty when both verdicts hold.</param>
public sealed record HarnessMeasurements(
    int SchemaVersion,
    HarnessHost Host,
    HarnessSettings Options,
    bool MergedTreesIdentical,
    bool OwnershipShifted,
    IReadOnlyList<string> CheckFailures,
    IReadOnlyList<HarnessConfiguration> Configurations)
{
    public const int CurrentSchemaVersion = 1;
}
