using System.Globalization;
using MathNet.Numerics.Statistics;

namespace MountSim.Calibration.Export;

/// <summary>
/// <c>validate</c>'s report: measured against predicted p50 and p99 per configuration with the median error; for
/// bursts of real container starts the start latency's p50, p90, p99 and mean against N; each call's p50.
/// </summary>
public static class ValidationText
{
    public static string Write(IReadOnlyList<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var c = CultureInfo.InvariantCulture;
        var width = Math.Max("configuration".Length, predictions.Max(p => p.Configuration.Id.Length));
        output.WriteLine($"{"configuration".PadRight(width)}  {"measured p50",12}  {"p99",10}  {"predicted p50",13}  {"p99",10}  {"error p50",9}  {"p99",7}");
        foreach (var p in predictions)
        {
            output.WriteLine(string.Create(c, $"{p.Configuration.Id.PadRight(width)}  {p.Measured.P50,10:F1}us  {p.Measured.P99,8:F1}us  {p.Predicted.P50,11:F1}us  {p.Predicted.P99,8:F1}us  {p.P50Error,9:+0.0%;-0.0%}  {p.P99Error,7:+0.0%;-0.0%}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"median absolute relative error (p50 and p99 of {predictions.Count} configurations): {Validator.MedianAbsoluteError(predictions):P1}"));
        output.WriteLine(string.Create(c, $"  p50 alone: {predictions.Select(p => Math.Abs(p.P50Error)).Median():P1}; p99 alone: {predictions.Select(p => Math.Abs(p.P99Error)).Median():P1} (the model's p99 comes from contention and the topology's measured noise, if it has any: a real host's rarer stalls are not in it)"));
        var bursts = predictions.Where(p => p.Configuration.Burst).OrderBy(p => p.Configuration.Strategy, StringComparer.Ordinal).ThenBy(p => p.Configuration.Threads).ToList();
        if (bursts.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("bursts: start latency from the release, measured -> predicted (ms):");
            output.WriteLine($"  {"strategy",-14} {"N",4}  {"p50",-22} {"p90",-22} {"p99",-22} {"mean",-22}");
            static string Pair(double measured, double predicted) =>
                string.Create(CultureInfo.InvariantCulture, $"{measured / 1e3:F1} -> {predicted / 1e3:F1} ({(predicted - measured) / measured:+0%;-0%})");
            foreach (var b in bursts)
            {
                output.WriteLine(string.Create(c, $"  {b.Configuration.Strategy,-14} {b.Configuration.Threads,4}  {Pair(b.Measured.P50, b.Predicted.P50),-22} {Pair(b.Measured.P90, b.Predicted.P90),-22} {Pair(b.Measured.P99, b.Predicted.P99),-22} {Pair(b.Measured.Mean, b.Predicted.Mean),-22}"));
            }

            var errors = bursts.SelectMany(b => new[] { (b.Predicted.P50 - b.Measured.P50) / b.Measured.P50, (b.Predicted.Mean - b.Measured.Mean) / b.Measured.Mean }).Select(Math.Abs).ToList();
            output.WriteLine(string.Create(c, $"  median absolute relative error of the bursts' p50 and mean: {errors.Median():P1}; worst {errors.Max():P1}; within 25%: {errors.Count(e => e <= 0.25)} of {errors.Count}"));
        }

        if (predictions.Any(p => p.PredictedCalls.Count > 0))
        {
            output.WriteLine();
            output.WriteLine("each call's p50, measured -> predicted (us):");
            foreach (var p in predictions.Where(p => p.PredictedCalls.Count > 0))
            {
                var calls = p.PredictedCalls.OrderBy(k => k.Key, StringComparer.Ordinal)
                    .Select(k => (Name: k.Key, Measured: p.Configuration.SyscallLatencyUs[k.Key].P50, Predicted: k.Value.P50))
                    .Select(k => string.Create(c, $"{k.Name} {k.Measured:F1} -> {k.Predicted:F1} ({(k.Predicted - k.Measured) / k.Measured:+0%;-0%})"));
                output.WriteLine($"  {p.Configuration.Id.PadRight(width)}  {string.Join(", ", calls)}");
            }
        }

        return output.ToString();
    }
}
