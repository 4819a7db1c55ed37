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
/// Fits a kernel profile's costs to harness measurements in two stages. First each timed call's own
/// costs from one-thread timings (<see cref="SyscallCostFit"/>); then what only whole setups show
/// (contention: the grace period's cost per busy CPU, the rwsem wake-up; a CPU speed factor when no call
/// was timed): the parameters the data can tell apart are moved, on a log scale, by a Nelder-Mead simplex
/// until the simulated setup latencies match the measured ones (sum of squared log ratios of each p50,
/// and of each mean the host's noise left alone). A real host lengthens a few setups by milliseconds (VM
/// exits, preemption, interrupts: on a virtual machine a p99 can be many times the p50) and the model has no such
/// noise, so a p99, or a mean the noise has pulled far above the median, would stretch the contention
/// costs to explain it; the median always counts, the mean only when it is within
/// <see cref="QuietMeanRatio"/> of it.
/// </summary>
public static class Calibrator
{
    /// <summary>The factor on every recipe cpu step: how fast the host's CPUs are against the profile's.</summary>
    public const string CpuScale = "cpu_scale";

    /// <summary>The topology's factor on work whose SMT sibling is busy: measurable when a fit configuration pins two threads to one core.</summary>
    public const string SmtSlowdown = "smt_slowdown";

    /// <summary>What only contention shows: the setup stage fits these whenever the data constrain them.</summary>
    public static readonly IReadOnlyList<string> ContentionCosts = ["rcu_gp_expedited_per_busy_cpu", "rwsem_wakeup", SmtSlowdown];

    /// <summary>
    /// Uncontended costs the setup stage fits when no call was timed; with call timings the per-call stage
    /// owns them. An id allocation or a per-CPU sum is never fitted: inside the calls' measured work it
    /// cannot be told from the cpu parts around it, and moving it to mend a setup's latency would change
    /// runc's namespace copy, which the harness does not time.
    /// </summary>
    public static readonly IReadOnlyList<string> UncontendedCosts = [CpuScale, SyscallCostFit.GracePeriod];

    /// <summary>
    /// A parameter whose hundredfold change moves no prediction by 3% is left as it is: measurements
    /// scatter by a few percent, so noise, not the data, would set it (and a weak direction stalls the
    /// simplex). The probe is large because a contention cost starts from a bare-metal guess that a
    /// virtual machine's IPIs and wake-ups can exceed by orders of magnitude (compare a profile's
    /// rcu_gp_expedited_per_busy_cpu with what <c>calibrate</c> fits to a virtual machine's measurements).
    /// </summary>
    private static readonly double MinimumSensitivity = Math.Log(1.03);

    /// <summary>A parameter whose effect the chosen ones reproduce to within this share is confounded with them.</summary>
    internal const double MinimumIndependence = 0.15;

    /// <summary>A run whose mean setup exceeds its median by more than this was disturbed: its mean is left out of the fit.</summary>
    public const double QuietMeanRatio = 1.25;

    /// <summary>The 95% quantile of chi-square with one degree of freedom: how much worse a fit may get without a parameter it does not need.</summary>
    private const double ChiSquare95 = 3.841;

    /// <summary>The multiples of a fitted cost <see cref="FarStart"/> tries.</summary>
    private static readonly double[] FarFactors = [10, 100];

    /// <summary>What <see cref="FarStart"/> takes for a clear gain: the objective down to four fifths.</summary>
    private const double ClearGain = 0.8;

    /// <summary>The weight of a contended call's log p50 against a setup's (a factor on both logs, so a quarter in the squares).</summary>
    private const double CallWeight = 0.5;

    /// <summary>How far <see cref="SpreadStarts"/> moves the fitted costs: up to threefold either way.</summary>
    private const double Spread = 3;

    /// <summary>Points <see cref="SpreadStarts"/> tries per fitted cost.</summary>
    private const int SpreadPointsPerCost = 6;

    /// <summary>Further simplexes, from the best of the spread points.</summary>
    private const int Climbs = 2;

    /// <summary>Simplex runs at most, each from the best point of the one before.</summary>
    private const int Restarts = 3;

    /// <summary>The log step of the sensitivity probe: a hundredfold.</summary>
    private static readonly double ProbeStep = Math.Log(100);

    /// <param name="measurements">The configurations with <c>fit: true</c> are fitted, those of the kernel's work alone (no runtime, no burst: <see cref="RuntimeCostFit"/> takes the runtime's).</param>
    /// <param name="start">The profile whose costs the fit starts from; its recipes are kept.</param>
    /// <param name="source">The citation each fitted figure gets: file and date; the residual is added.</param>
    /// <exception cref="ArgumentException">No configuration is marked for fitting.</exception>
    public static CalibrationResult Fit(Measurements measurements, KernelProfile start, Hardware.Topology topology, string source, CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var fitted = measurements.ForFitting.Where(c => !c.HasRuntime && !c.Burst).ToList();
        if (fitted.Count == 0)
        {
            throw new ArgumentException("No configuration of the kernel's work alone (no runtime, no burst) has fit: true; mark the ones to fit to.", nameof(measurements));
        }

        var perCall = SyscallCostFit.Fit(fitted, start, topology.NrPossibleCpus, source);
        var begin = perCall?.Profile ?? start;

        List<string> candidates = [.. perCall is null ? UncontendedCosts : [], .. ContentionCosts];
        var scenarios = fitted.Select(c => HarnessSetup.Scenario(c, begin, topology)).ToList();
        var startValues = candidates.ToDictionary(
            k => k,
            k => k switch
            {
                CpuScale => 1,
                SmtSlowdown => topology.SmtSlowdown,
                _ => begin.ParameterList.Single(p => p.Key == k).Value,
            },
            StringComparer.Ordinal);
        var evaluations = 0;
        // Per configuration: the log p50 of its setups, their log mean where the run was quiet, and, for runs of
        // several threads, the log p50 of each timed call at half weight: where the time goes under contention
        // (an unmount waiting longer for its grace period, a mount for namespace_sem) tells the contention
        // costs apart, which whole setups do not. Half, because a simulated call's p50 over a few dozen
        // contended setups jumps by several times as much as a cost moved by a percent (the events reorder).
        var quiet = fitted.Select(c => c.SetupLatencyUs.Mean <= QuietMeanRatio * c.SetupLatencyUs.P50).ToList();
        var calls = fitted.Select(c => c.Threads > 1
            ? [.. HarnessSetup.MeasuredRecipes(c, begin).Where(m => c.SyscallLatencyUs[m.Key].P50 > 0).OrderBy(m => m.Key, StringComparer.Ordinal)]
            : new List<KeyValuePair<string, string>>()).ToList();
        double[] Terms(IEnumerable<SimulatedSetups> setups) =>
            [.. setups.SelectMany((s, i) => (quiet[i] ? new[] { s.SetupUs.P50, s.SetupUs.Mean } : [s.SetupUs.P50]).Select(v => Math.Log(v))
                .Concat(calls[i].Select(m => CallWeight * Math.Log(s.CallUs[m.Value].P50))))];
        double[] Predict(IReadOnlyDictionary<string, double> values, string citation)
        {
            Interlocked.Increment(ref evaluations);
            var host = Host(topology, values, citation);
            var onHost = ReferenceEquals(host, topology) ? scenarios : [.. scenarios.Select(s => s with { Topology = host })];
            return Terms(HarnessSetup.Predict(fitted, onHost, Apply(begin, values, citation), options.Seed));
        }

        var measured = Terms(fitted.Select((c, i) => new SimulatedSetups(c.SetupLatencyUs, calls[i].ToDictionary(m => m.Value, m => c.SyscallLatencyUs[m.Key], StringComparer.Ordinal))));
        var (chosen, notes) = Identifiable(Predict(startValues, "probe"), key =>
        {
            var probe = new Dictionary<string, double>(startValues) { [key] = startValues[key] * Math.Exp(ProbeStep) };
            return Predict(probe, "probe");
        }, startValues.Keys.ToList());

        double SquaredError(double[] predicted) => predicted.Zip(measured, (p, m) => (p - m) * (p - m)).Sum();

        // Fit, then try without the least constrained parameter while one's 95% interval is wider than a factor
        // of 2 (a hundredfold probe showed it can matter, but near the optimum the data may leave it free). It
        // goes only if the fit without it is not significantly worse: the squared error may grow by at most
        // the 95% quantile of chi-square with one degree of freedom times the residual variance (an F-test).
        (Vector<double> X, double F) Fit(IReadOnlyList<string> keys, Vector<double> from) =>
            Simplex(x => SquaredError(Predict(LogMultipliers.Values(startValues, keys, x), "fitting")), from, options);
        var best = Fit(chosen, Vector<double>.Build.Dense(chosen.Count));
        double Objective(Vector<double> x) => SquaredError(Predict(LogMultipliers.Values(startValues, chosen, x), "fitting"));
        if (FarStart(Objective, best) is { } far && Fit(chosen, far) is var fromFar && fromFar.F < best.F)
        {
            best = fromFar;
        }

        foreach (var from in SpreadStarts(best.X).Select(x => (X: x, F: Objective(x))).OrderBy(s => s.F).Take(Climbs).ToList())
        {
            if (Fit(chosen, from.X) is var climbed && climbed.F < best.F)
            {
                best = climbed;
            }
        }

        var errors = FitUncertainty.LogStandardErrors(x => Predict(LogMultipliers.Values(startValues, chosen, x), "fitting"), best.X, measured);
        while (chosen.Count > 0 && errors.Max() > FitUncertainty.MaxLogStandardError)
        {
            var worst = Array.IndexOf(errors, errors.Max());
            var interval = FitUncertainty.Relative95(errors[worst]) + 1 is var factor && factor < 1000 ? $"a factor of {factor:F1} either way" : "wider than a factor of 1000";
            List<string> without = [.. chosen.Where((_, i) => i != worst)];
            var refit = Fit(without, Vector<double>.Build.DenseOfEnumerable(best.X.Where((_, i) => i != worst)));
            var residualVariance = best.F / Math.Max(1, measured.Length - chosen.Count);
            if (refit.F - best.F > ChiSquare95 * residualVariance)
            {
                notes[chosen[worst]] = string.Create(CultureInfo.InvariantCulture, $"{notes[chosen[worst]]}; loosely set (95% interval {interval}), but the fit is significantly worse without it");
                break;
            }

            notes[chosen[worst]] = string.Create(CultureInfo.InvariantCulture, $"not fitted: near the best fit the setups leave it free (95% interval {interval}; without it the fit is no worse)");
            (chosen, best) = (without, refit);
            errors = FitUncertainty.LogStandardErrors(x => Predict(LogMultipliers.Values(startValues, chosen, x), "fitting"), best.X, measured);
        }

        var rms = Math.Sqrt(best.F / measured.Length);
        var values = LogMultipliers.Values(startValues, chosen, best.X);
        var citation = string.Create(CultureInfo.InvariantCulture, $"{source}: {fitted.Count} configurations, rms log error {rms:F4} ({Math.Exp(rms) - 1:P1}), objective {best.F:G4}");
        var profile = Apply(begin, values.Where(v => chosen.Contains(v.Key)).ToDictionary(), citation);
        var parameters = candidates.Select(k => chosen.IndexOf(k) is var i and >= 0
            ? new FittedParameter(k, startValues[k], values[k], true, notes[k], FitUncertainty.Relative95(errors[i]))
            : new FittedParameter(k, startValues[k], values[k], false, notes.GetValueOrDefault(k, string.Empty))).ToList();
        var host = Host(topology, values.Where(v => chosen.Contains(v.Key)).ToDictionary(), citation);
        return new CalibrationResult(profile, [.. perCall?.Parameters ?? [], .. parameters], best.F, rms, evaluations, stopwatch.Elapsed.TotalSeconds) { Calls = perCall, Topology = host };
    }

    /// <summary>
    /// A start far from the fit for a second simplex, or null: the fitted point with one coordinate ten or a
    /// hundred times larger, if that alone lowers the objective by a fifth or more (the best such). A
    /// contention cost can start orders of magnitude below a virtual machine's (a profile's bare-metal
    /// guess against what a fit to such a host gives), where the objective is flat and a simplex never leaves; only
    /// a clear gain from a fitted point counts, so a dip the measurements' noise makes does not pull a cost
    /// away from a value that was right.
    /// </summary>
    private static Vector<double>? FarStart(Func<Vector<double>, double> objective, (Vector<double> X, double F) fit)
    {
        var (start, f) = ((Vector<double>?)null, ClearGain * fit.F);
        for (var k = 0; k < fit.X.Count; k++)
        {
            foreach (var factor in FarFactors)
            {
                var probe = fit.X.Clone();
                probe[k] += Math.Log(factor);
                if (objective(probe) is var g && g < f)
                {
                    (start, f) = (probe, g);
                }
            }
        }

        return start;
    }

    /// <summary>
    /// Points around a fit for further simplexes: the fitted costs moved together by up to <see cref="Spread"/>
    /// either way, along a Halton sequence (evenly spread, the same for every fit; one prime base per cost, so
    /// at most six costs, more than any fit has). A simulated objective is
    /// rugged (a cost moved by a percent reorders events and moves a contended p50 by several times as much), so a simplex
    /// stops in the first dip it finds, short of the true point though not far from it; starting again from
    /// points spread around the fit gets past such dips.
    /// </summary>
    private static IEnumerable<Vector<double>> SpreadStarts(Vector<double> centre)
    {
        int[] bases = [2, 3, 5, 7, 11, 13];
        for (var i = 1; i <= SpreadPointsPerCost * centre.Count && centre.Count <= bases.Length; i++)
        {
            var point = centre.Clone();
            for (var k = 0; k < centre.Count; k++)
            {
                point[k] += Math.Log(Spread) * ((2 * RadicalInverse(i, bases[k])) - 1);
            }

            yield return point;
        }
    }

    /// <summary>The i-th term of van der Corput's sequence in base b: i's digits mirrored behind the point.</summary>
    private static double RadicalInverse(int i, int b)
    {
        var (value, scale) = (0.0, 1.0 / b);
        for (; i > 0; i /= b, scale /= b)
        {
            value += (i % b) * scale;
        }

        return value;
    }

    /// <summary>
    /// Nelder-Mead from <paramref name="start"/>, restarted from its best point (a simplex that collapsed on a
    /// ridge of the simulated landscape gets a fresh shape); the best point seen and its objective.
    /// </summary>
    private static (Vector<double> X, double F) Simplex(Func<Vector<double>, double> objective, Vector<double> start, CalibrationOptions options)
    {
        var best = (X: start, F: objective(start));
        double Tracked(Vector<double> x)
        {
            var f = objective(x);
            if (f < best.F)
            {
                best = (x.Clone(), f);
            }

            return f;
        }

        for (var restart = 0; restart < Restarts && start.Count > 0; restart++)
        {
            var before = best.F;
            try
            {
                new NelderMeadSimplex(options.Tolerance, options.MaxIterations / Restarts).FindMinimum(
                    ObjectiveFunction.Value(Tracked),
                    best.X.Clone(),
                    Vector<double>.Build.Dense(start.Count, 0.5));
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

        return best;
    }

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

    /// <summary>The topology with a fitted <see cref="SmtSlowdown"/>, if <paramref name="values"/> has one (never below 1: a busy sibling does not speed work up).</summary>
    private static Hardware.Topology Host(Hardware.Topology topology, IReadOnlyDictionary<string, double> values, string source) =>
        values.TryGetValue(SmtSlowdown, out var factor) ? topology.WithSmtSlowdown(Math.Max(1, factor), source) : topology;

    /// <summary>The profile with fitted values: kernel parameters by key, <see cref="CpuScale"/> on every cpu step.</summary>
    public static KernelProfile Apply(KernelProfile profile, IReadOnlyDictionary<string, double> values, string source)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(values);
        var parameters = values.Where(v => v.Key is not (CpuScale or SmtSlowdown)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var result = parameters.Count > 0 ? profile.WithParameters(parameters, source) : profile;
        return values.TryGetValue(CpuScale, out var scale) ? result.WithCpuScale(scale, source) : result;
    }

    /// <summary>
    /// Which parameters the data constrain: each one's effect on the predictions (a column of the
    /// Jacobian in log space) must be large enough and not reproducible by the ones already chosen,
    /// the one with the largest effect first.
    /// </summary>
    private static (List<string> Chosen, Dictionary<string, string> Notes) Identifiable(double[] at, Func<string, double[]> probe, List<string> keys)
    {
        var columns = keys.ToDictionary(k => k, k => Vector<double>.Build.DenseOfArray(probe(k)) - Vector<double>.Build.DenseOfArray(at), StringComparer.Ordinal);
        var chosen = new List<string>();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys.OrderByDescending(k => columns[k].L2Norm()))
        {
            var column = columns[key];
            var sensitivity = column.AbsoluteMaximum();
            if (sensitivity < MinimumSensitivity)
            {
                notes[key] = string.Create(CultureInfo.InvariantCulture, $"not fitted: a hundredfold change moves no prediction by more than {Math.Exp(sensitivity) - 1:P1}{key switch
                {
                    "rwsem_wakeup" or "rcu_gp_expedited_per_busy_cpu" => " (needs configurations with threads > 1)",
                    SmtSlowdown => " (needs configurations with threads pinned to SMT siblings, e.g. harness run --cpus 0,SIBLING)",
                    _ => string.Empty,
                }}");
                continue;
            }

            var unexplained = chosen.Count == 0 ? 1 : Unexplained(column, chosen.Select(k => columns[k]).ToList());
            if (unexplained < MinimumIndependence)
            {
                notes[key] = string.Create(CultureInfo.InvariantCulture, $"not fitted: confounded with {string.Join(", ", chosen)} (only {unexplained:P0} of its effect is its own)");
                continue;
            }

            chosen.Add(key);
            notes[key] = string.Create(CultureInfo.InvariantCulture, $"fitted: a hundredfold change moves a prediction by up to {Math.Exp(sensitivity) - 1:P0}");
        }

        return ([.. keys.Where(chosen.Contains)], notes);
    }

    /// <summary>The share of <paramref name="column"/>'s length that a least-squares combination of <paramref name="others"/> leaves.</summary>
    internal static double Unexplained(Vector<double> column, IReadOnlyList<Vector<double>> others)
    {
        var basis = Matrix<double>.Build.DenseOfColumnVectors(others);
        var coefficients = basis.QR().Solve(column);
        return (column - (basis * coefficients)).L2Norm() / column.L2Norm();
    }
}
