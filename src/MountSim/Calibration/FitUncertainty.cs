using MathNet.Numerics.LinearAlgebra;

namespace MountSim.Calibration;

/// <summary>
/// How well a least-squares fit pins its parameters down: from the Jacobian J of the predictions at the
/// optimum, the covariance s² (JᵀJ)⁻¹ with s² the residual variance SSR / (n - p). Parameters are log
/// multipliers, so a standard error is a relative one. A direction the data do not see (a flat or
/// confounded one) makes JᵀJ singular and its standard error infinite.
/// </summary>
public static class FitUncertainty
{
    /// <summary>The widest 95% interval a fitted parameter may have, a factor of 2 either way; a looser one is noise.</summary>
    public static readonly double MaxLogStandardError = Math.Log(2) / Z95;

    /// <summary>Two-sided 95% quantile of the normal distribution.</summary>
    private const double Z95 = 1.959964;

    /// <summary>The finite-difference step, in log space: 10%.</summary>
    private const double Step = 0.1;

    /// <summary>The standard error of each coordinate of <paramref name="x"/>; infinity where the data do not constrain it.</summary>
    public static double[] LogStandardErrors(Func<Vector<double>, double[]> predict, Vector<double> x, IReadOnlyList<double> measured)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(measured);
        var at = predict(x);
        var freedom = measured.Count - x.Count;
        if (x.Count == 0 || freedom <= 0)
        {
            return [.. Enumerable.Repeat(double.PositiveInfinity, x.Count)];
        }

        var jacobian = Matrix<double>.Build.Dense(at.Length, x.Count);
        for (var k = 0; k < x.Count; k++)
        {
            var probe = x.Clone();
            probe[k] += Step;
            var moved = predict(probe);
            for (var i = 0; i < at.Length; i++)
            {
                jacobian[i, k] = (moved[i] - at[i]) / Step;
            }
        }

        var residualVariance = at.Zip(measured, (p, m) => (p - m) * (p - m)).Sum() / freedom;
        var information = jacobian.TransposeThisAndMultiply(jacobian);
        var covariance = information.Determinant() is var d && (d == 0 || !double.IsFinite(d)) ? null : information.Inverse();
        return [.. Enumerable.Range(0, x.Count).Select(k => covariance is null || !(covariance[k, k] >= 0) || !double.IsFinite(covariance[k, k])
            ? double.PositiveInfinity
            : Math.Sqrt(residualVariance * covariance[k, k]))];
    }

    /// <summary>The 95% interval's half-width as a relative error: e^(1.96 se) - 1.</summary>
    public static double Relative95(double logStandardError) => Math.Exp(Z95 * logStandardError) - 1;
}
