using System.Globalization;
using MountSim.Text;

namespace MountSim.Calibration.Export;

/// <summary><c>calibrate</c>'s report: the kernel profile's fit and, with a runtime, the runtime's.</summary>
public static class CalibrationText
{
    /// <summary>The whole calibration: the kernel's fit, what was measured directly, the runtime's fit.</summary>
    public static string Write(HostCalibrationResult calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        output.Write(Fit(calibration.Kernel, calibration.Request.Host));
        output.WriteLine(calibration.MeasuredPathWalkNs is { } walk
            ? $"path_walk {Durations.Format(walk)}: measured directly by the harness probes (idle stat() through a mountpoint; profile: {Durations.Format(calibration.Request.Start.Parameters.PathWalkNs)})"
            : "path_walk not measured: give --path-walks a harness file made with --probes 1 or more");
        output.WriteLine(calibration.MeasuredHost.Noise is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"noise: {n.DetoursPerSecond:F0} detours/s per running CPU, mean {Durations.Format(n.Detours.Mean)}, {n.Share:P2} of its time (harness noise)")
            : "noise: none (give --noise a file from harness noise to simulate the host's detours)");
        if (calibration.Runtime is { } runtime)
        {
            output.Write(RuntimeFit(runtime));
        }

        return output.ToString();
    }

    /// <summary>The runtime's fit: each phase's userspace work and per-line parsing with their 95% intervals.</summary>
    private static string RuntimeFit(RuntimeFitResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"{"runtime phase",-20}  {"runs",4}  {"userspace (95%)",24}  {"parse per line (95%)",24}");
        foreach (var p in fit.Phases)
        {
            string Interval(double value, double halfWidth, Func<double, string> format) =>
                double.IsNaN(halfWidth) ? $"{format(value)} (not fitted)" : $"{format(value)} ±{format(halfWidth)}";
            output.WriteLine(string.Create(c, $"{p.Phase,-20}  {p.Runs,4}  {Interval(p.Fitted.UserspaceNs, p.UserspaceHalfWidthNs, Durations.Format),24}  {Interval(p.Fitted.ParseNsPerLine, p.ParseHalfWidthNs, Durations.Format),24}"));
        }

        return output.ToString();
    }

    /// <summary>The kernel's fit: what it was fitted to, each parameter from start to fitted with its interval, the errors left.</summary>
    private static string Fit(CalibrationResult result, MeasuredHostSet host)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(host);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var c = CultureInfo.InvariantCulture;
        string Value(string key, double value) => key is Calibrator.CpuScale or Calibrator.SmtSlowdown ? value.ToString("F3", c) : Durations.Format(value);
        output.WriteLine(string.Create(c, $"fitted to {host.Measurements.ForFitting.Count()} configurations on {host.Topology.Name}: {result.Evaluations} simulations of the set, {result.WallSeconds:F1} s"));
        output.WriteLine();
        var width = Math.Max("parameter".Length, result.Parameters.Max(p => p.Key.Length));
        output.WriteLine($"{"parameter".PadRight(width)}  {"start",10}  {"fitted",10}  {"95%",6}  note");
        foreach (var p in result.Parameters)
        {
            var interval = !p.Identifiable ? string.Empty : p.Uncertainty < 10 ? string.Create(c, $"±{p.Uncertainty:P0}") : ">±999%";
            output.WriteLine($"{p.Key.PadRight(width)}  {Value(p.Key, p.Start),10}  {Value(p.Key, p.Fitted),10}  {interval,6}  {p.Note}");
        }

        output.WriteLine();
        if (result.Calls is { } calls)
        {
            output.WriteLine(string.Create(c, $"per call: p50 of {calls.Observations} one-thread call timings, rms log error {calls.RmsLogError:F4} (typical error {Math.Exp(calls.RmsLogError) - 1:P1})"));
        }

        output.WriteLine(string.Create(c, $"per setup: objective {result.Objective:G4}, rms log error {result.RmsLogError:F4} (typical error {result.RmsRelativeError:P1})"));

        return output.ToString();
    }
}
