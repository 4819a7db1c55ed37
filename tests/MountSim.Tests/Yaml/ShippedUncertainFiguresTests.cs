using MountSim.Hardware.Export;
using MountSim.Hardware.Yaml;
using MountSim.Kernel.Profiles;
using MountSim.Kernel.Profiles.Export;
using MountSim.Tests.Hardware;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Runtimes.Export;
using MountSim.Yaml;

namespace MountSim.Tests.Yaml;

/// <summary>
/// The shipped topologies, kernel profiles and runtimes: every range reads and holds its figure's value, every
/// figure whose citation says <c>calibrate</c> has a range with a reason, and each writer gives the ranges back.
/// </summary>
public sealed class ShippedUncertainFiguresTests
{
    private static readonly KernelProfile Default = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    public static TheoryData<string> Topologies => [.. ShippedTopologies.Library.Names];

    public static TheoryData<string> Kernels => [.. KernelProfileLibrary.Names];

    public static TheoryData<string> Runtimes => [.. RuntimeProfileLibrary.Shipped.Names];

    [Theory]
    [MemberData(nameof(Topologies))]
    public void EveryCalibrateFigureOfATopologyHasARange(string name)
    {
        var topology = ShippedTopologies.Load(name);

        AssertRanged(topology.Sources, topology.UncertainFigures, FigureHome.Topology);
        Assert.Equal(topology.UncertainFigures, TopologyYamlReader.Parse(TopologyYamlWriter.ToYaml(topology), "again.yaml").UncertainFigures);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryCalibrateFigureOfAKernelProfileHasARange(string name)
    {
        var profile = KernelProfileLibrary.Load(name);

        AssertRanged(profile.Sources, profile.UncertainFigures, FigureHome.KernelProfile);
        Assert.Equal(profile.UncertainFigures, KernelProfileYamlReader.Parse(KernelProfileYamlWriter.ToYaml(profile), "again.yaml").UncertainFigures);
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public void EveryCalibrateStepOfARuntimeHasARange(string name)
    {
        var runtime = RuntimeProfileLibrary.Load(name, Default);

        // Only the steps of the phases it has: an included runtime's other phases cite their sources too.
        var own = runtime.Sources.Where(s => RuntimeProfile.StepOf(s.Key) is { } step && runtime.Phases.Any(p => p.Name == step.Phase)).ToDictionary();
        AssertRanged(own, runtime.UncertainFigures, FigureHome.RuntimeProfile);
        Assert.Equal(runtime.UncertainFigures, RuntimeProfileYamlReader.Parse(RuntimeProfileYamlWriter.ToYaml(runtime), "again.yaml", Default).UncertainFigures);
    }

    [Fact]
    public void ThePlaceholdersOfTheIncidentsHostsHaveTheRangesTheirSourcesSupport()
    {
        var m7a = ShippedTopologies.Load("aws-m7a.24xlarge").UncertainFigures.Single(f => f.Key == "latency.same_llc");
        var r5 = ShippedTopologies.Load("aws-r5.metal").UncertainFigures.Single(f => f.Key == "smt_slowdown");

        Assert.Equal((23, 18, 30), (m7a.Nominal, m7a.Low, m7a.High));
        Assert.Contains("22-24 ns", m7a.Why, StringComparison.Ordinal);
        Assert.StartsWith("calibrate", m7a.Source, StringComparison.Ordinal);
        Assert.Equal((1.25, 1.1, 1.8), (r5.Nominal, r5.Low, r5.High));
    }

    [Fact]
    public void AFactorGivesTheRangeAroundTheValue()
    {
        var create = RuntimeProfileLibrary.Load("runc-1.2", Default).UncertainFigures.Single(f => f.Key == "phases.runc_create.steps[0]");

        Assert.Equal((40e6, 20e6, 80e6), (create.Nominal, create.Low, create.High));
        Assert.Equal("[20 ms, 80 ms]", create.Describe());
    }

    /// <summary>Each citation that says calibrate covers a figure with a range; each range holds its value and says why.</summary>
    private static void AssertRanged(IReadOnlyDictionary<string, string> sources, IReadOnlyList<UncertainFigure> figures, FigureHome home)
    {
        Assert.NotEmpty(figures);
        Assert.All(figures, f =>
        {
            Assert.Equal(home, f.Home);
            Assert.InRange(f.Nominal, f.Low, f.High);
            Assert.True(f.Domain.Accepts(f.Low) && f.Domain.Accepts(f.High), $"{f}: outside what its reader accepts");
            Assert.False(string.IsNullOrWhiteSpace(f.Why));
            Assert.Equal(sources[f.Key], f.Source);
        });
        var calibrate = sources.Where(s => s.Value.Contains("calibrate", StringComparison.OrdinalIgnoreCase)).Select(s => s.Key).ToList();
        Assert.NotEmpty(calibrate);
        Assert.All(calibrate, key => Assert.Contains(figures, f => FigureSources.Sections(f.Key).Contains(key)));
    }
}
