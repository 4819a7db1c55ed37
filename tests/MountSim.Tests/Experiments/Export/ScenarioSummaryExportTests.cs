using System.Text.Json.Nodes;
using MountSim.Engine.Distributions;
using MountSim.Experiments;
using MountSim.Experiments.Export;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Hardware;
using MountSim.Workload;
using MountSim.Workload.Strategies;

namespace MountSim.Tests.Experiments.Export;

public sealed class ScenarioSummaryExportTests
{
    private static readonly KernelProfile Kernel = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    /// <summary>A small run with no mountinfo watcher: its reads' distribution is empty.</summary>
    private static readonly ScenarioSummary Summary = ScenarioSummary.Of(ScenarioRunner.Run(new Scenario
    {
        Topology = ShippedTopologies.Load("aws-m7a.24xlarge"),
        Kernel = Kernel,
        Strategy = MountStrategyLibrary.Load("per-layer", Kernel),
        Containers = 12,
        Layers = Distribution.Constant(5),
        MountinfoWatchers = 0,
        HealthProbes = HealthProbeSettings.None,
    }, seed: 3));

    [Fact]
    public void AnEmptyDistributionHasNoFiguresInTheSummaryZeroInJsonAndADashInText()
    {
        Assert.Equal(0, Summary.MountinfoRead.Count);
        Assert.True(double.IsNaN(Summary.MountinfoRead.P50) && double.IsNaN(Summary.MountinfoRead.Mean));

        var json = ScenarioSummaryJson.ToJson(Summary);
        Assert.Equal(0, json["mountinfo_read_ms"]!["p50"]!.GetValue<double>());
        Assert.False(json["mountinfo_read_ms"]!.AsObject().ContainsKey("mean"));
        Assert.Contains("p50 - ms, max - ms", ScenarioSummaryText.Write(Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void TheMetricCatalogAndTheJsonReadTheSameFigures()
    {
        var json = ScenarioSummaryJson.ToJson(Summary);
        double Metric(string name) => MetricCatalog.Find(name).Of(Summary);
        double Json(string path) => path.Split('.').Aggregate((JsonNode)json, (node, key) => node[key]!).GetValue<double>();

        Assert.Equal(Json("start_latency_ms.p99"), Metric("start_latency_p99_ms"));
        Assert.Equal(Json("start_latency_ms.mean"), Metric("start_latency_mean_ms"));
        Assert.Equal(Json("path_walk_latency_us.p999"), Metric("path_walk_p999_us"));
        Assert.Equal(Json("locks.namespace_sem.utilization"), Metric("namespace_sem_utilization"));
        Assert.Equal(Json("cpu_time_fraction.spin_mount_lock"), Metric("cpu_spin_mount_lock"));
        Assert.Equal(json["containers"]!["failed"]!.GetValue<int>(), Metric("failed_starts"));
    }

    [Fact]
    public void TheTextNamesTheRunAndEachOfItsParts()
    {
        var text = ScenarioSummaryText.Write(Summary);

        Assert.StartsWith("12 containers x 5 layers, strategy per-layer", text, StringComparison.Ordinal);
        Assert.All(new[] { "starts", "start latency", "mount_lock", "namespace_sem", "CPU time", "path walks", "run" }, part => Assert.Contains($"  {part}", text, StringComparison.Ordinal));
    }
}
