using System.Globalization;
using MathNet.Numerics.Distributions;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;

namespace MountSim.Calibration;

/// <summary>
/// Fits a runtime profile's own costs to harness starts with that runtime, one start at a time: each
/// phase's userspace work and the parsing of one mount-table line by its reads. Alone on the host a
/// phase's latency is the kernel's part (which the model simulates with the runtime's own costs set to
/// zero) plus its userspace work plus its reads times the table's lines times the parsing; over runs at
/// several table sizes (<c>harness run --table-mounts K</c>) that is a straight line in the lines, fitted
/// by least squares, each figure with its 95% interval (Student t). With one table size only the work is fitted.
/// </summary>
public static class RuntimeCostFit
{
    /// <param name="configurations">Harness starts with a runtime, one thread, not bursts.</param>
    /// <param name="kernel">The kernel profile the kernel's part is simulated with (the fitted one).</param>
    /// <param name="runtime">The runtime whose phases are fitted; phases the files do not time keep their costs.</param>
    /// <param name="source">The citation each fitted phase gets.</param>
    /// <exception cref="ArgumentException">No configuration fits.</exception>
    public static RuntimeFitResult Fit(IReadOnlyList<MeasuredConfiguration> configurations, KernelProfile kernel, RuntimeProfile runtime, Topology topology, ulong seed, string source)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(runtime);
        var starts = configurations.Where(c => c.HasRuntime && !c.Burst && c.Threads == 1).ToList();
        if (starts.Count == 0)
        {
            throw new ArgumentException("No harness start with a runtime, one thread and no burst to fit the runtime to (harness run --runtime runc --threads 1).", nameof(configurations));
        }

        var zero = runtime.WithPhaseCosts(runtime.Phases.ToDictionary(p => p.Name, _ => new RuntimePhaseCost(0, 0)), "zero");
        var kernelPart = starts.Select(c => HarnessSetup.SimulateRuntime(HarnessSetup.RuntimeScenarios(c, kernel, zero, topology), seed).CallUs).ToList();
        var phases = new List<RuntimePhaseFit>();
        var costs = new Dictionary<string, RuntimePhaseCost>(StringComparer.Ordinal);
        foreach (var phase in runtime.Phases)
        {
            var points = starts.Select((c, i) => (Configuration: c, Kernel: kernelPart[i]))
                .Where(p => p.Configuration.SyscallLatencyUs.ContainsKey(phase.Name) && p.Kernel.ContainsKey(phase.Name))
                .Select(p => (Lines: (double)p.Configuration.MountinfoLines * phase.TableReads, OwnUs: p.Configuration.SyscallLatencyUs[phase.Name].P50 - p.Kernel[phase.Name].P50))
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var fit = Line(points, phase.TableReads > 0);
            var cost = new RuntimePhaseCost(Math.Max(0, fit.InterceptUs) * 1e3, fit.SlopeUs is { } slope ? Math.Max(0, slope) * 1e3 : phase.Cost.ParseNsPerLine);
            costs[phase.Name] = cost;
            phases.Add(new RuntimePhaseFit(phase.Name, phase.Cost, cost, fit.InterceptHalfWidthUs * 1e3, fit.SlopeHalfWidthUs * 1e3, points.Count));
        }

        var summary = string.Join("; ", phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Fitted.UserspaceNs / 1e6:F2} ms{(double.IsNaN(p.ParseHalfWidthNs) ? string.Empty : $" + {p.Fitted.ParseNsPerLine:F0} ns/line")}")));
        return new RuntimeFitResult(runtime.WithPhaseCosts(costs, $"{source}: {summary}"), [.. phases]);
    }

    /// <summary>Least squares of own time on lines read (slope only when the phase reads the table and the runs differ in it), with 95% half-widths.</summary>
    private static (double InterceptUs, double? SlopeUs, double InterceptHalfWidthUs, double SlopeHalfWidthUs) Line(List<(double Lines, double OwnUs)> points, bool readsTable)
    {
        var n = points.Count;
        var distinct = points.Select(p => p.Lines).Distinct().Count();
        if (!readsTable || distinct < 2 || n < 3)
        {
            var mean = points.Average(p => p.OwnUs);
            var spread = n < 2 ? double.NaN : Math.Sqrt(points.Sum(p => Math.Pow(p.OwnUs - mean, 2)) / (n - 1) / n) * StudentT.InvCDF(0, 1, n - 1, 0.975);
            return (mean, null, spread, double.NaN);
        }

        var (intercept, slope) = MathNet.Numerics.Fit.Line([.. points.Select(p => p.Lines)], [.. points.Select(p => p.OwnUs)]);
        var meanLines = points.Average(p => p.Lines);
        var sxx = points.Sum(p => Math.Pow(p.Lines - meanLines, 2));
        var s2 = points.Sum(p => Math.Pow(p.OwnUs - (intercept + (slope * p.Lines)), 2)) / (n - 2);
        var t = StudentT.InvCDF(0, 1, n - 2, 0.975);
        return (intercept, slope, t * Math.Sqrt(s2 * ((1.0 / n) + (meanLines * meanLines / sxx))), t * Math.Sqrt(s2 / sxx));
    }
}
