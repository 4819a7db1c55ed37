using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.Statistics;
using MountSim.Experiments;
using MountSim.Kernel.Profiles;

namespace MountSim.Calibration;

/// <summary>
/// Fits a kernel profile's costs to harness measurements: the parameters the data can tell apart are
/// moved, on a log scale, by a Nelder-Mead simplex until the simulated setup latencies match the
/// measured ones (sum of squared log ratios of p50 and mean, and p99 with a smaller weight).
/// </summary>
public static class Calibrator
{
    /// <summary>The factor on every recipe cpu step: how fast the host's CPUs are against the profile's.</summary>
    public const string CpuScale = "cpu_scale";

    /// <summary>What the fit may move, the one that explains most first.</summary>
    public static readonly IReadOnlyList<string> Candidates = [CpuScale, "rcu_gp_expedited", "rwsem_wakeup", "mntid_alloc", "percpu_sum_per_cpu"];

    /// <summary>
    /// A parameter whose 10% change moves no prediction by 3% is left as it is: measurements scatter by
    /// a few percent, so noise, not the data, would set it (and a weak direction stalls the simplex).
    /// </summary>
    private const double MinimumSensitivity = 0.3;

    /// <summary>A parameter whose effect the chosen ones reproduce to within this share is confounded with them.</summary>
    private const double MinimumIndependence = 0.15;

    /// <summary>Simplex runs at most, each from the best point of the one before.</summary>
    private const int Restarts = 3;

    /// <summary>The log step of the sensitivity probe: 20%.</summary>
    private const double ProbeStep = 0.2;

    /// <param name="measurements">The configurations with <c>fit: true</c> are fitted.</param>
    /// <param name="start">The profile whose costs the fit starts from; its recipes are kept.</param>
    /// <param name="source">The citation each fitted figure gets: file and date; the residual is added.</param>
    /// <exception cref="ArgumentException">No configuration is marked for fitting.</exception>
    public static CalibrationResult Fit(Measurements measurements, KernelProfile start, Hardware.Topology topology, string source, CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var fitted = measurements.ForFitting.ToList();
        if (fitted.Count == 0)
        {
            throw new ArgumentException("No configuration has fit: true; mark the ones to fit to.", nameof(measurements));
        }

        var scenarios = fitted.Select(c => HarnessSetup.Scenario(c, start, topology)).ToList();
        var startValues = Candidates.ToDictionary(k => k, k => k == CpuScale ? 1 : start.ParameterList.Single(p => p.Key == k).Value, StringComparer.Ordinal);
        var evaluations = 0;
        var weights = new[] { 1, 1, options.P99Weight };

        // Weighted log predictions, three per configuration: p50, mean, p99.
        double[] Predict(IReadOnlyDictionary<string, double> values, string citation)
        {
            Interlocked.Increment(ref evaluations);
            var simulated = HarnessSetup.SimulateAll(scenarios, Apply(start, values, citation), options.Seed);
            return [.. simulated.SelectMany(s => new[] { s.P50, s.Mean, s.P99 }.Select((v, i) => Math.Sqrt(weights[i]) * Math.Log(v)))];
        }

        var measured = fitted.SelectMany(c => new[] { c.SetupLatencyUs.P50, c.SetupLatencyUs.Mean, c.SetupLatencyUs.P99 }.Select((v, i) => Math.Sqrt(weights[i]) * Math.Log(v))).ToArray();
        var (chosen, notes) = Identifiable(Predict(startValues, "probe"), key =>
        {
            var probe = new Dictionary<string, double>(startValues) { [key] = startValues[key] * Math.Exp(ProbeStep) };
            return Predict(probe, "probe");
        }, startValues.Keys.ToList());

        Dictionary<string, double> ValuesAt(Vector<double> x)
        {
            var values = new Dictionary<string, double>(startValues, StringComparer.Ordinal);
            for (var i = 0; i < chosen.Count; i++)
            {
                values[chosen[i]] = startValues[chosen[i]] * Math.Exp(x[i]);
            }

            return values;
        }

        var best = (X: Vector<double>.Build.Dense(chosen.Count), F: double.PositiveInfinity);
        double Objective(Vector<double> x)
        {
            var f = Predict(ValuesAt(x), "fitting").Zip(measured, (p, m) => (p - m) * (p - m)).Sum();
            if (f < best.F)
            {
                best = (x.Clone(), f);
            }

            return f;
        }

        if (chosen.Count > 0)
        {
            // Restarts from the best point: a simplex that collapsed on a ridge of the simulated landscape gets a fresh shape.
            for (var restart = 0; restart < Restarts; restart++)
            {
                var before = best.F;
                try
                {
                    new NelderMeadSimplex(options.Tolerance, options.MaxIterations / Restarts).FindMinimum(
                        ObjectiveFunction.Value(Objective),
                        best.X.Clone(),
                        Vector<double>.Build.Dense(chosen.Count, 0.5));
                }
                catch (MaximumIterationsException)
                {
                    // The cap keeps a fit's cost bounded; the best point seen so far is the answer.
                }

                if (restart > 0 && before - best.F < options.Tolerance * before)
                {
                    break;
                }
            }
        }

        else
        {
            Objective(Vector<double>.Build.Dense(0));
        }

        var rms = Math.Sqrt(best.F / (fitted.Count * weights.Sum()));
        var values = ValuesAt(best.X);
        var citation = string.Create(CultureInfo.InvariantCulture, $"{source}: {fitted.Count} configurations, rms log error {rms:F4} ({Math.Exp(rms) - 1:P1}), objective {best.F:G4}");
        var profile = Apply(start, values.Where(v => chosen.Contains(v.Key)).ToDictionary(), citation);
        var parameters = Candidates.Select(k => new FittedParameter(k, startValues[k], values[k], chosen.Contains(k), notes.GetValueOrDefault(k, string.Empty))).ToList();
        return new CalibrationResult(profile, parameters, best.F, rms, evaluations, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>The profile with fitted values: kernel parameters by key, <see cref="CpuScale"/> on every cpu step.</summary>
    /// <summary>
    /// The profile's <c>path_walk</c> set to what the harness's probes measured directly, when they ran: the
    /// median over <paramref name="configurations"/> of the idle p50 of stat() through a mountpoint (taken
    /// before any mount churn). The cost of one lookup needs no simulation to fit; null when no
    /// configuration has probe data. Runs with probes are kept out of the fit: a probe spinning on a small
    /// host slows the setups the fit times.
    /// </summary>
    public static (KernelProfile Profile, double PathWalkNs)? WithMeasuredPathWalk(KernelProfile profile, IEnumerable<MeasuredConfiguration> configurations, string source)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(configurations);
        var idle = configurations.Select(c => c.PathWalkIdleUs).OfType<LatencySummary>().Select(s => s.P50).ToList();
        if (idle.Count == 0)
        {
            return null;
        }

        var walkNs = 1e3 * idle.Median();
        var citation = string.Create(CultureInfo.InvariantCulture, $"{source}: median of {idle.Count} idle p50s of the harness probes' stat() through a mountpoint");
        return (profile.WithParameters(new Dictionary<string, double>(StringComparer.Ordinal) { ["path_walk"] = walkNs }, citation), walkNs);
    }

    public static KernelProfile Apply(KernelProfile profile, IReadOnlyDictionary<string, double> values, string source)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(values);
        var parameters = values.Where(v => v.Key != CpuScale).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var result = parameters.Count > 0 ? profile.WithParameters(parameters, source) : profile;
        return values.TryGetValue(CpuScale, out var scale) ? result.WithCpuScale(scale, source) : result;
    }

    /// <summary>
    /// Which parameters the data constrain: each one's effect on the predictions (a column of the
    /// Jacobian in log space) must be large enough and not reproducible by the ones already chosen.
    /// </summary>
    private static (List<string> Chosen, Dictionary<string, string> Notes) Identifiable(double[] at, Func<string, double[]> probe, List<string> keys)
    {
        var columns = keys.ToDictionary(k => k, k => Vector<double>.Build.DenseOfArray(probe(k)) - Vector<double>.Build.DenseOfArray(at), StringComparer.Ordinal);
        var chosen = new List<string>();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys.OrderByDescending(k => columns[k].L2Norm()))
        {
            var column = columns[key] / ProbeStep;
            var sensitivity = column.AbsoluteMaximum();
            if (sensitivity < MinimumSensitivity)
            {
                notes[key] = string.Create(CultureInfo.InvariantCulture, $"not fitted: a 10% change moves no prediction by more than {sensitivity * 10:F2}%{(key == "rwsem_wakeup" ? " (needs configurations with threads > 1 whose waiters sleep)" : string.Empty)}");
                continue;
            }

            var unexplained = chosen.Count == 0 ? 1 : Unexplained(column, chosen.Select(k => columns[k]).ToList());
            if (unexplained < MinimumIndependence)
            {
                notes[key] = string.Create(CultureInfo.InvariantCulture, $"not fitted: confounded with {string.Join(", ", chosen)} (only {unexplained:P0} of its effect is its own)");
                continue;
            }

            chosen.Add(key);
            notes[key] = string.Create(CultureInfo.InvariantCulture, $"fitted: a 10% change moves a prediction by up to {sensitivity * 10:F2}%");
        }

        return ([.. keys.Where(chosen.Contains)], notes);
    }

    /// <summary>The share of <paramref name="column"/>'s length that a least-squares combination of <paramref name="others"/> leaves.</summary>
    private static double Unexplained(Vector<double> column, IReadOnlyList<Vector<double>> others)
    {
        var basis = Matrix<double>.Build.DenseOfColumnVectors(others);
        var coefficients = basis.QR().Solve(column);
        return (column - (basis * coefficients)).L2Norm() / column.L2Norm();
    }
}
