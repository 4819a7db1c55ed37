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
        Configuration("per-layer-32x2", "per-layer", 32, 2, fit: false),
        Configuration("common-parent-8x2", "common-parent", 8, 2, fit: false),
        Configuration("per-layer-8x8", "per-layer", 8, 8, fit: false),
        Configuration("common-parent-32x4", "common-parent", 32, 4, fit: false),
    ];

    public static Measurements Measure(KernelProfile profile, Topology topology, IReadOnlyList<MeasuredConfiguration> configurations, double noise, int noiseSeed)
    {
        var random = new Random(noiseSeed);
        double Noisy(double value) => value * Math.Exp(noise * Gaussian(random));
        var scenarios = configurations.Select(c => HarnessSetup.Scenario(c, profile, topology)).ToList();
        var simulated = HarnessSetup.SimulateAll(scenarios, profile, Seed);
        var measured = configurations.Zip(simulated, (c, s) =>
        {
            var p50 = Noisy(s.P50);
            return c with { SetupLatencyUs = new LatencySummary(p50, Math.Max(p50, Noisy(s.P99)), Noisy(s.Mean), s.Count) };
        });
        return new Measurements(new MeasuredHost("6.17.0-synthetic", topology.Threads.Count, null), [.. measured]);
    }

    private static MeasuredConfiguration Configuration(string id, string strategy, int layers, int threads, bool fit) =>
        new(id, strategy, layers, threads, threads * SetupsPerThread, fit, new LatencySummary(1, 1, 1, 1), new Dictionary<string, LatencySummary>());

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
