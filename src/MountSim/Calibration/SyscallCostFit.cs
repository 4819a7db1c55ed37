using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MountSim.Kernel.Profiles;

namespace MountSim.Calibration;

/// <summary>
/// The first stage of a fit: each syscall's own cost, from the harness's timings of single calls made by
/// one thread (p50, so a rare preemption does not count). Alone on the host a call's latency is its
/// uncontended cost (<see cref="KernelProfile.UncontendedNs"/>, which is what the simulator gives for one
/// thread), a sum of its cpu parts, lookups and grace periods; two layer counts tell a call's work per
/// layer from its fixed work. The grace period, shared by every unmount, is tried first; then each timed
/// recipe's fixed and per-layer cpu totals, scaled as wholes so the profile's split between steps stays.
/// </summary>
public static class SyscallCostFit
{
    /// <summary>The one kernel parameter this stage fits: it dominates every unmount's cost.</summary>
    public const string GracePeriod = "rcu_gp_expedited";

    /// <summary>How far a fitted cost may move from the profile's: a factor of e^5, about 150.</summary>
    private const double Bound = 5;

    /// <summary>The step of the identifiability probe. The model is linear in every cost, so any step gives the same answer.</summary>
    private const double ProbeNs = 1_000;

    /// <summary>The key of a recipe's fixed cpu total.</summary>
    public static string FixedKey(string recipe) => $"recipes.{recipe}.cpu";

    /// <summary>The key of a recipe's per-layer cpu total.</summary>
    public static string PerLayerKey(string recipe) => $"recipes.{recipe}.cpu_per_layer";

    /// <summary>Null when no one-thread configuration timed a call the model has a recipe for.</summary>
    public static SyscallCostResult? Fit(IEnumerable<MeasuredConfiguration> configurations, KernelProfile start, int nrPossibleCpus, string source)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(start);
        var observations = (
            from c in configurations
            where c.Threads == 1
            from call in HarnessSetup.MeasuredRecipes(c, start)
            let p50 = c.SyscallLatencyUs[call.Key].P50
            where p50 > 0
            select (Recipe: call.Value, c.Layers, LogUs: Math.Log(p50))).ToList();
        if (observations.Count == 0)
        {
            return null;
        }

        var recipes = observations.Select(o => o.Recipe).Distinct().Order(StringComparer.Ordinal).ToList();
        var startValues = new Dictionary<string, double>(StringComparer.Ordinal);
        if (recipes.Any(r => start.Recipe(r).Count(new RepeatBindings(1, 1)).RcuGpExpedited > 0))
        {
            startValues[GracePeriod] = start.Parameters.RcuGpExpeditedNs;
        }

        foreach (var recipe in recipes)
        {
            var cpu = start.CpuNs(recipe);
            if (cpu.FixedNs > 0)
            {
                startValues[FixedKey(recipe)] = cpu.FixedNs;
            }

            if (cpu.PerLayerNs > 0)
            {
                startValues[PerLayerKey(recipe)] = cpu.PerLayerNs;
            }
        }

        // Only what moved from the start is written, so a recipe the fit left alone keeps its citation.
        KernelProfile At(IReadOnlyDictionary<string, double> values, string citation)
        {
            bool Moved(string key) => values.TryGetValue(key, out var value) && value != startValues[key];
            var withGracePeriod = Moved(GracePeriod)
                ? start.WithParameters(new Dictionary<string, double>(StringComparer.Ordinal) { [GracePeriod] = values[GracePeriod] }, citation)
                : start;
            var totals = recipes.Where(r => Moved(FixedKey(r)) || Moved(PerLayerKey(r))).ToDictionary(
                r => r,
                r => new RecipeCpu(values.GetValueOrDefault(FixedKey(r)), values.GetValueOrDefault(PerLayerKey(r))),
                StringComparer.Ordinal);
            return totals.Count > 0 ? withGracePeriod.WithRecipeCpu(totals, citation) : withGracePeriod;
        }

        double[] PredictUs(IReadOnlyDictionary<string, double> values)
        {
            var profile = At(values, "fitting");
            return [.. observations.Select(o => profile.UncontendedNs(o.Recipe, o.Layers, nrPossibleCpus, mounts: 0) / 1e3)];
        }

        var keys = startValues.Keys.ToList();
        var measuredUs = observations.Select(o => Math.Exp(o.LogUs)).ToArray();
        var (chosen, notes) = Identifiable(keys, PredictUs(startValues), key => PredictUs(new Dictionary<string, double>(startValues) { [key] = startValues[key] + ProbeNs }), measuredUs);
        double[] PredictLog(IReadOnlyDictionary<string, double> values) => [.. PredictUs(values).Select(v => Math.Log(v))];
        var logUs = observations.Select(o => o.LogUs).ToList();
        var fitted = Minimize(startValues, chosen, PredictLog, Vector<double>.Build.DenseOfEnumerable(logUs));
        var errors = FitUncertainty.LogStandardErrors(x => PredictLog(LogMultipliers.Values(fitted, chosen, x)), Vector<double>.Build.Dense(chosen.Count), logUs);
        var residual = Vector<double>.Build.DenseOfEnumerable(PredictUs(fitted).Zip(observations, (p, o) => Math.Log(p) - o.LogUs));
        var rms = Math.Sqrt(residual.DotProduct(residual) / observations.Count);
        var citation = string.Create(CultureInfo.InvariantCulture, $"{source}: p50 of {observations.Count} one-thread timings of {recipes.Count} calls, rms log error {rms:F4} ({Math.Exp(rms) - 1:P1})");
        var parameters = keys.Select(k => chosen.IndexOf(k) is var i and >= 0
            ? new FittedParameter(k, startValues[k], fitted[k], true, notes[k], FitUncertainty.Relative95(errors[i]))
            : new FittedParameter(k, startValues[k], fitted[k], false, notes[k])).ToList();
        return new SyscallCostResult(At(fitted, citation), parameters, observations.Count, rms);
    }

    /// <summary>Levenberg-Marquardt on the log multipliers of <paramref name="chosen"/> (from <paramref name="startValues"/>); the others stay at their start.</summary>
    private static Dictionary<string, double> Minimize(Dictionary<string, double> startValues, List<string> chosen, Func<IReadOnlyDictionary<string, double>, double[]> predict, Vector<double> measured)
    {
        if (chosen.Count == 0)
        {
            return new Dictionary<string, double>(startValues, StringComparer.Ordinal);
        }

        var model = ObjectiveFunction.NonlinearModel(
            (x, _) => Vector<double>.Build.DenseOfArray(predict(LogMultipliers.Values(startValues, chosen, x))),
            Vector<double>.Build.Dense(measured.Count, i => i),
            measured);
        var result = new LevenbergMarquardtMinimizer(maximumIterations: 200).FindMinimum(
            model,
            Vector<double>.Build.Dense(chosen.Count),
            Vector<double>.Build.Dense(chosen.Count, -Bound),
            Vector<double>.Build.Dense(chosen.Count, Bound));
        return LogMultipliers.Values(startValues, chosen, result.MinimizingPoint);
    }

    /// <summary>
    /// Which costs the timings tell apart. A call's uncontended latency is linear in every cost, so this is
    /// structural, the same at any values: a cost is fitted when its effect on the timings (relative to the
    /// measured values) is not a combination of the effects of the costs chosen before it, in the given
    /// order. A grace period and a call's own fixed work, both constant in every call that has both, are
    /// told apart only by calls that have one without the other.
    /// </summary>
    private static (List<string> Chosen, Dictionary<string, string> Notes) Identifiable(List<string> keys, double[] at, Func<string, double[]> probe, double[] measuredUs)
    {
        var chosen = new List<string>();
        var columns = new Dictionary<string, Vector<double>>(StringComparer.Ordinal);
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var column = Vector<double>.Build.DenseOfEnumerable(probe(key).Select((p, i) => (p - at[i]) / measuredUs[i]));
            var timings = column.Count(v => v != 0);
            if (timings == 0)
            {
                notes[key] = "not fitted: no timed call has it";
                continue;
            }

            var unexplained = chosen.Count == 0 ? 1 : Calibrator.Unexplained(column, [.. chosen.Select(k => columns[k])]);
            if (unexplained < Calibrator.MinimumIndependence)
            {
                notes[key] = string.Create(CultureInfo.InvariantCulture, $"not fitted: the timings do not tell it from {string.Join(", ", chosen.Where(k => columns[k].PointwiseMultiply(column).AbsoluteMaximum() > 0))}");
                continue;
            }

            chosen.Add(key);
            columns[key] = column;
            notes[key] = string.Create(CultureInfo.InvariantCulture, $"fitted to {timings} call timings");
        }

        return (chosen, notes);
    }
}
