using MountSim.Calibration;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;

namespace MountSim.Tests.Calibration;

/// <summary>
/// Harness measurements made by the simulator itself from a profile with known costs, with
/// multiplicative log-normal noise, so that a fit's answer can be checked against the truth.
/// </summary>
internal static class SyntheticHarness
{
    /// <summary>The known truth the recovery tests fit back.</summary>
    public static readonly Dictionary<string, double> Truth = new(StringComparer.Ordinal)
    {
        [Calibrator.CpuScale] = 1.7,
        ["rcu_gp_expedited"] = 40_000,
        ["rwsem_wakeup"] = 9_000,
    };

    /// <summary>The simulations' seed: a fit with the same one sees only the added noise, not another sample of setups.</summary>
    public const ulong Seed = 7;

    /// <summary>Setups per thread: enough for a p50, few enough to keep a fit quick.</summary>
    private const int SetupsPerThread = 6;

    public static KernelProfile TrueProfile(KernelProfile shipped) => Calibrator.Apply(shipped, Truth, "synthetic truth");

    /// <summary>Fit: one thread (cpu scale, grace period) and several (wake-ups), both strategies and layer counts. Held out: other mixes.</summary>
    public static IReadOnlyList<MeasuredConfiguration> Configurations() =>
    [
        Configuration("per-layer-8x1", "per-layer", 8, 1, fit: true),
        Configuration("per-layer-32x1", "per-layer", 32, 1, fit: true),
        Configuration("common-parent-8x1", "common-parent", 8, 1, fit: true),
        Configuration("common-parent-32x1", "common-parent", 32, 1, fit: true),
        Configuration("per-layer-8x4", "per-layer", 8, 4, fit: true),
        Configuration("per-layer-32x8", "per-layer", 32, 8, fit: true),
        Configuration("common-parent-8x4", "common-parent", 8, 4, fit: true),
        Configuration("common-parent-32x8", "common-parent", 32, 8, fit: true),
        Configuration("per-layer-8x16", "per-layer", 8, 16, fit: true),
        Configuration("common-parent-32x16", "common-parent", 32, 16, fit: true),
        Configuration("common-parent-64x1", "common-parent", 64, 1, fit: true),
        Configuration("per-layer-32x2", "per-layer", 32, 2, fit: false),
        Configuration("common-parent-8x2", "common-parent", 8, 2, fit: false),
        Configuration("per-layer-8x8", "per-layer", 8, 8, fit: false),
        Configuration("common-parent-32x4", "common-parent", 32, 4, fit: false),
    ];

    /// <param name="timeCalls">
    /// Whether each call is timed too, as the harness does, by the harness's names (<c>close</c> for
    /// close_attached): p50s with a third of the setups' noise (a call's p50 is over several times as many
    /// samples: one per layer per setup), means that add up to the setup's mean (the model has no time
    /// between calls).
    /// </param>
    public static Measurements Measure(KernelProfile profile, Topology topology, IReadOnlyList<MeasuredConfiguration> configurations, double noise, int noiseSeed, bool timeCalls = false)
    {
        var random = new Random(noiseSeed);
        double Noisy(double value) => value * Math.Exp(noise * Gaussian(random));
        var scenarios = configurations.Select(c => HarnessSetup.Scenario(c, profile, topology)).ToList();
        var simulated = HarnessSetup.SimulateAll(scenarios, profile, Seed);
        var measured = configurations.Zip(simulated, (c, s) =>
        {
            var p50 = Noisy(s.SetupUs.P50);
            var mean = Noisy(s.SetupUs.Mean);
            var scale = mean / s.SetupUs.Mean;
            var calls = timeCalls
                ? s.CallUs.ToDictionary(call => call.Key == "close_attached" ? "close" : call.Key, call => call.Value with { P50 = call.Value.P50 * Math.Exp(noise / 3 * Gaussian(random)), Mean = call.Value.Mean * scale }, StringComparer.Ordinal)
                : new Dictionary<string, LatencySummary>();
            return c with { SetupLatencyUs = new LatencySummary(p50, Math.Max(p50, Noisy(s.SetupUs.P99)), mean, s.SetupUs.Count), SyscallLatencyUs = calls };
        });
        return new Measurements(new MeasuredHost("6.17.0-synthetic", topology.Threads.Count, null), [.. measured]);
    }

    /// <param name="cpus">The CPUs the threads are pinned to, as the harness records them; spread when null.</param>
    public static MeasuredConfiguration Configuration(string id, string strategy, int layers, int threads, bool fit, IReadOnlyList<int>? cpus = null) =>
        new(id, strategy, layers, threads, threads * SetupsPerThread, fit, new LatencySummary(1, 1, 1, 1), new Dictionary<string, LatencySummary>(), Cpus: cpus);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
