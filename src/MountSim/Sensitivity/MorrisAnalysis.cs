using MathNet.Numerics.Statistics;
using MountSim.Engine.Random;

namespace MountSim.Sensitivity;

/// <summary>Elementary effects from a <see cref="MorrisDesign"/>'s outputs: per factor mu, mu* and sigma, optionally mu*'s bootstrap interval.</summary>
public static class MorrisAnalysis
{
    /// <param name="outputs">One output per design point, by the point's index.</param>
    public static MorrisResult Analyze(MorrisDesign design, IReadOnlyList<double> outputs) => Run(design, outputs, null, null);

    /// <summary>As <see cref="Analyze(MorrisDesign, IReadOnlyList{double})"/>, with mu*'s interval from trajectories resampled with replacement.</summary>
    public static MorrisResult Analyze(MorrisDesign design, IReadOnlyList<double> outputs, Bootstrap bootstrap, RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(stream);
        return Run(design, outputs, bootstrap, stream);
    }

    private static MorrisResult Run(MorrisDesign design, IReadOnlyList<double> outputs, Bootstrap? bootstrap, RandomStream? stream)
    {
        ArgumentNullException.ThrowIfNull(design);
        OutputColumns.Check(outputs, design.Points.Count, "Morris");
        var effects = Effects(design, outputs);
        var intervals = bootstrap is null || stream is null ? null : MuStarIntervals(effects, bootstrap, stream);
        return new MorrisResult(
            [.. design.Space.Factors.Select((factor, i) => new MorrisEffect(
                factor.Name,
                effects[i].Mean(),
                effects[i].Select(Math.Abs).Mean(),
                effects[i].StandardDeviation(),
                intervals?[i]))],
            design.Trajectories);
    }

    /// <summary>[factor][trajectory]: each trajectory's one elementary effect of each factor, per unit of the unit cube.</summary>
    private static double[][] Effects(MorrisDesign design, IReadOnlyList<double> outputs)
    {
        var d = design.Space.Count;
        var effects = new double[d][];
        for (var i = 0; i < d; i++)
        {
            effects[i] = new double[design.Trajectories];
        }

        for (var t = 0; t < design.Trajectories; t++)
        {
            var start = t * (d + 1);
            for (var k = 1; k <= d; k++)
            {
                var factor = design.MovedFactor(t, k);
                effects[factor][t] = (outputs[start + k] - outputs[start + k - 1]) / design.Step(t, factor);
            }
        }

        return effects;
    }

    private static ConfidenceInterval[] MuStarIntervals(double[][] effects, Bootstrap bootstrap, RandomStream stream)
    {
        var trajectories = effects[0].Length;
        var replicates = new double[effects.Length][];
        for (var i = 0; i < effects.Length; i++)
        {
            replicates[i] = new double[bootstrap.Resamples];
        }

        var pick = new int[trajectories];
        for (var b = 0; b < bootstrap.Resamples; b++)
        {
            for (var t = 0; t < trajectories; t++)
            {
                pick[t] = stream.Next(trajectories);
            }

            for (var i = 0; i < effects.Length; i++)
            {
                var sum = 0.0;
                foreach (var t in pick)
                {
                    sum += Math.Abs(effects[i][t]);
                }

                replicates[i][b] = sum / trajectories;
            }
        }

        return [.. replicates.Select(r => ConfidenceInterval.Percentile(r, bootstrap.Confidence))];
    }
}
