using MountSim.Calibration;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Support;

namespace MountSim.Tests.Calibration;

public sealed class NoisySetupsTests
{
    [Fact]
    public void OnANoisyHostARareLongDetourMakesTheTailWhileTheMedianBarelyMoves()
    {
        var profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);
        var quiet = SyntheticTopologies.Mesh(2);

        // 2,000 detours per second of running, nine in ten of 2 us and one in ten of 2 ms (a hypervisor's preemption).
        // A setup of 404 us runs about 150 us of it (the rest is grace periods, asleep), so it meets a long detour
        // about 3% of the time.
        var noisy = quiet.WithNoise(HostNoise.Create(2_000, [.. Enumerable.Repeat(2_000.0, 9), 2_000_000]), "a test");
        var setup = new MeasuredConfiguration("per-layer-8x1", "per-layer", 8, 1, 400, true, new LatencySummary(1, 1, 1, 1), new Dictionary<string, LatencySummary>());

        var calm = HarnessSetup.Simulate(HarnessSetup.Scenario(setup, profile, quiet), 1).SetupUs;
        var stormy = HarnessSetup.Simulate(HarnessSetup.Scenario(setup, profile, noisy), 1).SetupUs;

        Assert.InRange(calm.P99 / calm.P50, 1, 1.01);
        Assert.InRange(stormy.P50 / calm.P50, 1, 1.05);
        Assert.True(stormy.P99 > calm.P99 + 1_500, $"p99 {stormy.P99} us on the noisy host, {calm.P99} us on the quiet one");

        // The mean grows by the share of running time the detours take: 2,000/s x 0.2018 ms = 40% of 150 us, 15%.
        Assert.InRange(stormy.Mean / calm.Mean, 1.08, 1.25);
    }
}
