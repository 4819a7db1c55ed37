using MathNet.Numerics.Statistics;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;

namespace MountSim.Calibration;

/// <summary>How well a profile predicts measured configurations, held out from its fit or all of them.</summary>
public static class Validator
{
    /// <summary>
    /// Each configuration as the model predicts it: the kernel's work alone, or with <paramref name="runtime"/>
    /// for the harness's container starts (each runtime phase then stands beside the calls).
    /// </summary>
    /// <exception cref="ArgumentException">A configuration ran a runtime and none was given.</exception>
    public static IReadOnlyList<Prediction> Predict(IReadOnlyList<MeasuredConfiguration> configurations, KernelProfile profile, Topology topology, ulong seed, RuntimeProfile? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        if (runtime is null && configurations.FirstOrDefault(c => c.HasRuntime) is { } started)
        {
            throw new ArgumentException($"{started.Id} ran containers with {started.Runtime}: give the runtime profile to predict it with (--runtime)", nameof(runtime));
        }

        var kernelOnly = configurations.Where(c => !c.HasRuntime).ToList();
        var scenarios = kernelOnly.Select(c => HarnessSetup.Scenario(c, profile, topology)).ToList();
        var predicted = kernelOnly.Zip(HarnessSetup.Predict(kernelOnly, scenarios, profile, seed), (c, p) => new Prediction(
            c,
            p.SetupUs,
            HarnessSetup.MeasuredRecipes(c, profile).ToDictionary(m => m.Key, m => p.CallUs[m.Value], StringComparer.Ordinal)))
            .ToDictionary(p => p.Configuration);
        var withRuntime = configurations.Where(c => c.HasRuntime).ToList();
        var starts = new SimulatedSetups[withRuntime.Count];
        Parallel.For(0, withRuntime.Count, i => starts[i] = HarnessSetup.SimulateRuntime(HarnessSetup.RuntimeScenarios(withRuntime[i], profile, runtime!, topology), seed));
        foreach (var (c, p) in withRuntime.Zip(starts))
        {
            predicted[c] = new Prediction(c, p.SetupUs, p.CallUs.Where(k => c.SyscallLatencyUs.ContainsKey(k.Key)).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal));
        }

        return [.. configurations.Select(c => predicted[c])];
    }

    /// <summary>The median of the absolute relative errors of every p50 and p99.</summary>
    public static double MedianAbsoluteError(IReadOnlyList<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return predictions.SelectMany(p => new[] { Math.Abs(p.P50Error), Math.Abs(p.P99Error) }).Median();
    }
}
