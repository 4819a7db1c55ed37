using MountSim.Calibration;
using MountSim.Hardware;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;

namespace MountSim.Tests.Calibration;

/// <summary>The runtime fit recovers each phase's userspace work and parsing per line from starts the simulator made itself.</summary>
public sealed class RuntimeCostFitTests
{
    private static readonly KernelProfile Kernel = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);
    private static readonly Topology Host = Support.SyntheticTopologies.Mesh(2);

    [Fact]
    public void ATableSweepGivesBackEachPhasesWorkAndParsing()
    {
        var truth = RuntimeProfileLibrary.Load("runc-1.1", Kernel);
        var measured = new[] { 22, 272, 1022, 4022 }.Select(lines => Measured(truth, lines)).ToList();
        var start = truth.WithPhaseCosts(truth.Phases.ToDictionary(p => p.Name, p => new RuntimePhaseCost(p.Cost.UserspaceNs * 3, p.Cost.ParseNsPerLine / 3)), "a poor start");

        var fit = RuntimeCostFit.Fit(measured, Kernel, start, Host, seed: 1, "test");

        Assert.Equal(["runc_create", "runc_start", "container_run", "runc_delete"], fit.Phases.Select(p => p.Phase));
        foreach (var phase in fit.Phases)
        {
            var expected = truth.Phases.Single(p => p.Name == phase.Phase).Cost;
            Assert.Equal(expected.UserspaceNs, phase.Fitted.UserspaceNs, 0.05 * expected.UserspaceNs);
            if (phase.Phase != "container_run")
            {
                Assert.Equal(expected.ParseNsPerLine, phase.Fitted.ParseNsPerLine, 0.1 * expected.ParseNsPerLine);
                Assert.False(double.IsNaN(phase.ParseHalfWidthNs));
            }
        }

        Assert.Contains("test: runc_create", fit.Runtime.Sources["phases.runc_create"], StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutStartsToFitItSaysWhatItNeeds()
    {
        var runtime = RuntimeProfileLibrary.Load("runc-1.1", Kernel);
        var kernelOnly = Measured(runtime, 22) with { Runtime = "none" };

        var e = Assert.Throws<ArgumentException>(() => RuntimeCostFit.Fit([kernelOnly], Kernel, runtime, Host, 1, "test"));

        Assert.Contains("harness run --runtime runc --threads 1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A one-thread harness run of 5 starts with 8 layers at a table of <paramref name="lines"/>, as the model gives it.</summary>
    private static MeasuredConfiguration Measured(RuntimeProfile runtime, int lines)
    {
        var configuration = new MeasuredConfiguration("cp", "common-parent", 8, 1, 5, true, new LatencySummary(1, 1, 1, 5), new Dictionary<string, LatencySummary>(), Runtime: "runc", MountinfoLines: lines);
        var simulated = HarnessSetup.SimulateRuntime(HarnessSetup.RuntimeScenarios(configuration, Kernel, runtime, Host), seed: 7);
        return configuration with { SetupLatencyUs = simulated.SetupUs, SyscallLatencyUs = simulated.CallUs };
    }
}
