using System.Globalization;
using MountSim.Calibration.Harness;

namespace MountSim.Calibration;

/// <summary>
/// A file <c>mountsim harness run</c> wrote, read as measurements: every configuration counts for the
/// fit when calibrate reads it (give validate another run, e.g. other thread counts, to hold out).
/// </summary>
public static class HarnessFiles
{
    /// <summary>Whether <paramref name="json"/> is the harness's own file (it carries <c>schema_version</c>).</summary>
    public static bool IsHarnessFile(System.Text.Json.Nodes.JsonNode? json) => json is System.Text.Json.Nodes.JsonObject o && o.ContainsKey("schema_version");

    public static Measurements ToMeasurements(HarnessMeasurements harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        static LatencySummary Summary(LatencyStats s) => new(s.P50, s.P99, s.Mean, s.Count, s.P90);
        return new Measurements(
            new MeasuredHost(harness.Host.Kernel, harness.Host.Threads, Topology: null),
            [.. harness.Configurations.Select(c => new MeasuredConfiguration(
                Id(c),
                c.Strategy,
                c.Layers,
                c.Threads,
                (int)c.Setups,
                Fit: true,
                Summary(c.SetupLatencyUs),
                c.SyscallLatencyUs.ToDictionary(s => s.Key, s => Summary(s.Value), StringComparer.Ordinal),
                c.PathWalkIdleUs.Count > 0 ? Summary(c.PathWalkIdleUs) : null,
                c.Cpus,
                c.Runtime,
                c.Burst,
                c.MountinfoLines))]);
    }

    /// <summary><c>per-layer-50x2</c>; with runc <c>-runc</c> and the table's lines; a burst <c>per-layer-50-burst16-runc</c>.</summary>
    private static string Id(HarnessConfiguration c) =>
        (c.Burst, c.Runtime) switch
        {
            (true, "none") => string.Create(CultureInfo.InvariantCulture, $"{c.Strategy}-{c.Layers}-burst{c.Threads}"),
            (true, var runtime) => string.Create(CultureInfo.InvariantCulture, $"{c.Strategy}-{c.Layers}-burst{c.Threads}-{runtime}"),
            (false, "none") => string.Create(CultureInfo.InvariantCulture, $"{c.Strategy}-{c.Layers}x{c.Threads}"),
            (false, var runtime) => string.Create(CultureInfo.InvariantCulture, $"{c.Strategy}-{c.Layers}x{c.Threads}-{runtime}-{c.MountinfoLines}lines"),
        };
}
