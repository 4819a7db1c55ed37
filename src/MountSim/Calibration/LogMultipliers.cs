using MathNet.Numerics.LinearAlgebra;

namespace MountSim.Calibration;

/// <summary>The fits move costs on a log scale: a point x is the costs <c>around[k] * e^x[i]</c> for the i-th key, the others as they are.</summary>
internal static class LogMultipliers
{
    public static Dictionary<string, double> Values(IReadOnlyDictionary<string, double> around, IReadOnlyList<string> keys, Vector<double> x)
    {
        var values = new Dictionary<string, double>(around, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            values[keys[i]] = around[keys[i]] * Math.Exp(x[i]);
        }

        return values;
    }
}
