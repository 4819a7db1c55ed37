using MountSim.Experiments;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Kernel.Profiles;
using MountSim.Kernel.Profiles.Export;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Runtimes.Export;
using MountSim.Yaml;

namespace MountSim.Tests.Experiments;

/// <summary>
/// The uncertain figures a scenario depends on (its topology's, kernel profile's, runtime's and its own
/// assumptions'), and the same scenario with chosen figures set: only those change, every check still holds.
/// </summary>
public sealed class ScenarioFiguresTests
{
    /// <summary>The incident's busy host, with ranges for the lookup rate it assumes and the threads it leaves at the default.</summary>
    private const string Incident = """
        topology: aws-r5.metal
        containers: 20
        layers: 10
        path_walks: 200000
        watchers: 1
        sources:
          path_walks: {source: "assumed: a busy host", range: [50000, 400000], why: nobody measured it}
          host_threads: {source: "the default", factor: 2, why: a guess for a 96-CPU node}
        """;

    private static readonly Scenario Scenario = ScenarioYaml.Parse(Incident);

    /// <summary>One figure of each part and a value inside its range.</summary>
    public static TheoryData<FigureHome, string, double> OneOfEach => new()
    {
        { FigureHome.Topology, "smt_slowdown", 1.5 },
        { FigureHome.Topology, "nr_possible_cpus", 128 },
        { FigureHome.KernelProfile, "parameters.rwsem_wakeup", 20e3 },
        { FigureHome.KernelProfile, "recipes.close_attached.steps[0].cpu", 800 },
        { FigureHome.KernelProfile, "recipes.move_mount.steps[1].ns_write[5].mount_lock_write[1].repeat.steps[0].cpu", 700 },
        { FigureHome.RuntimeProfile, "phases.containerd_create.steps[0]", 20e6 },
        { FigureHome.RuntimeProfile, "phases.runc_create.steps[0]", 60e6 },
        { FigureHome.Scenario, "path_walks", 100_000 },
        { FigureHome.Scenario, "host_threads", 1500 },
    };

    [Fact]
    public void AScenarioListsTheFiguresOfEachPartInOrder()
    {
        var ids = Scenario.UncertainFigures.Select(f => f.Id).ToList();

        Assert.Equal([FigureHome.Topology, FigureHome.KernelProfile, FigureHome.RuntimeProfile, FigureHome.Scenario], ids.Select(i => i.Home).Distinct());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(new FigureId(FigureHome.Topology, "smt_slowdown"), ids);
        Assert.Contains(new FigureId(FigureHome.KernelProfile, "parameters.ref_walk_factor"), ids);

        // containerd-2.0's own steps and those of runc-1.2's phases it includes, not runc-1.2's others.
        Assert.Equal(
            ["phases.containerd_create.steps[0]", "phases.shim_start.steps[0]", "phases.runc_create.steps[0]", "phases.runc_start.steps[0]"],
            Scenario.Runtime.UncertainFigures.Select(f => f.Key));
        var threads = Scenario.Assumptions.Single(f => f.Key == "host_threads");
        Assert.Equal((1000, 500, 2000), (threads.Nominal, threads.Low, threads.High));
        Assert.Equal(200_000, Scenario.Assumptions.Single(f => f.Key == "path_walks").Nominal);
    }

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void SettingAFigureChangesItAndNothingElse(FigureHome home, string key, double value)
    {
        var id = new FigureId(home, key);

        var set = Scenario.WithFigures(new Dictionary<FigureId, double> { [id] = value });

        Assert.Equal(value, set.UncertainFigures.Single(f => f.Id == id).Nominal);
        Assert.Equal(Scenario.UncertainFigures.Where(f => f.Id != id), set.UncertainFigures.Where(f => f.Id != id));
        Assert.Equal(Scenario.UncertainFigures.Single(f => f.Id == id) with { Nominal = value }, set.UncertainFigures.Single(f => f.Id == id));

        // Each part written out differs from the original in the figure's one line, or not at all.
        Assert.Equal(home == FigureHome.Topology ? 1 : 0, LinesChanged(TopologyYamlWriter.ToYaml(Scenario.Topology), TopologyYamlWriter.ToYaml(set.Topology)));
        Assert.Equal(home == FigureHome.KernelProfile ? 1 : 0, LinesChanged(KernelProfileYamlWriter.ToYaml(Scenario.Kernel), KernelProfileYamlWriter.ToYaml(set.Kernel)));
        Assert.Equal(home == FigureHome.RuntimeProfile ? 1 : 0, LinesChanged(RuntimeProfileYamlWriter.ToYaml(Scenario.Runtime), RuntimeProfileYamlWriter.ToYaml(set.Runtime)));
        Assert.Equal(Scenario, set with
        {
            Topology = home == FigureHome.Topology ? Scenario.Topology : set.Topology,
            Kernel = home == FigureHome.KernelProfile ? Scenario.Kernel : set.Kernel,
            Runtime = home == FigureHome.RuntimeProfile ? Scenario.Runtime : set.Runtime,
            PathWalksPerCpuPerSecond = Scenario.PathWalksPerCpuPerSecond,
            HostThreads = Scenario.HostThreads,
            Assumptions = Scenario.Assumptions,
        });
    }

    [Fact]
    public void TheModelRunsWithTheValuesSet()
    {
        var set = Scenario.WithFigures(new Dictionary<FigureId, double>
        {
            [new(FigureHome.Topology, "smt_slowdown")] = 1.5,
            [new(FigureHome.KernelProfile, "parameters.rwsem_wakeup")] = 20e3,
            [new(FigureHome.KernelProfile, "recipes.close_attached.steps[0].cpu")] = 800,
            [new(FigureHome.RuntimeProfile, "phases.runc_create.steps[0]")] = 60e6,
            [new(FigureHome.Scenario, "path_walks")] = 100_000,
        });

        Assert.Equal(1.5, set.Topology.SmtSlowdown);
        Assert.Equal(20e3, set.Kernel.Parameters.RwsemWakeupNs);
        Assert.Equal(new CpuStep(800), set.Kernel.Recipe("close_attached").Steps[0]);
        Assert.Equal(new UserspaceWork(60e6, 1), set.Runtime.Phases.Single(p => p.Name == "runc_create").Steps[0]);
        Assert.Equal(100_000, set.PathWalksPerCpuPerSecond);
        Assert.Equal((Scenario.Topology.Name, Scenario.Kernel.Name, Scenario.Runtime.Name), (set.Topology.Name, set.Kernel.Name, set.Runtime.Name));
        Assert.Empty(set.Problems());
    }

    [Fact]
    public void SettingIsDeterministic()
    {
        var values = Scenario.UncertainFigures.ToDictionary(f => f.Id, f => f.High);

        var once = Scenario.WithFigures(values);
        var again = Scenario.WithFigures(values.Reverse().ToDictionary());

        Assert.Equal(KernelProfileYamlWriter.ToYaml(once.Kernel), KernelProfileYamlWriter.ToYaml(again.Kernel));
        Assert.Equal(TopologyYamlWriter.ToYaml(once.Topology), TopologyYamlWriter.ToYaml(again.Topology));
        Assert.Equal(once.UncertainFigures, again.UncertainFigures);
        Assert.All(once.UncertainFigures, f => Assert.Equal(f.High, f.Nominal));
    }

    [Fact]
    public void AValueOutsideItsRangeOrAFigureWithoutOneIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Set(FigureHome.Topology, "smt_slowdown", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Set(FigureHome.Topology, "nr_possible_cpus", 100.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Set(FigureHome.Scenario, "path_walks", 10));
        Assert.Contains("'latency.same_llc' is not an uncertain figure of topology 'aws-r5.metal'", Assert.Throws<ArgumentException>(() => Set(FigureHome.Topology, "latency.same_llc", 40)).Message, StringComparison.Ordinal);
        // The file gives watchers without a range: the default's does not apply to it.
        Assert.Throws<ArgumentException>(() => Set(FigureHome.Scenario, "watchers", 2));
    }

    [Fact]
    public void ARuleBetweenTwoFiguresStillHolds()
    {
        var text = KernelProfileLibrary.Shipped.Text(KernelProfileLibrary.DefaultName).Replace("range: [50ns, 200ns]", "range: [50ns, 400ns]", StringComparison.Ordinal);
        var profile = KernelProfileYamlReader.Parse(text, "wider.yaml");

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => profile.WithFigures(new Dictionary<string, double> { ["parameters.mntid_alloc"] = 200, ["parameters.pcpu_alloc_hold"] = 400 }));

        Assert.Contains("pcpu_alloc_hold (400 ns) would be above mntid_alloc (200 ns)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VariantsKeepTheFiguresThatStillMatter()
    {
        var oneSocket = Scenario.Topology.With(new TopologyOverrides(SmtOff: true, Sockets: 1));
        var possible = oneSocket.UncertainFigures.Single(f => f.Key == "nr_possible_cpus");
        var kernel = Scenario.Kernel.WithParameters(new Dictionary<string, double> { ["rwsem_wakeup"] = 8e3 }, "measured").WithCpuScale(2, "a host half as fast");
        var close = kernel.UncertainFigures.Single(f => f.Key == "recipes.close_attached.steps[0].cpu");

        Assert.Equal((48, 48, 96), (possible.Nominal, possible.Low, possible.High));
        Assert.DoesNotContain(oneSocket.UncertainFigures, f => f.Key is "smt_slowdown" or "latency.far_home_extra");
        Assert.DoesNotContain(kernel.UncertainFigures, f => f.Key == "parameters.rwsem_wakeup");
        Assert.Equal((600, 200, 2000), (close.Nominal, close.Low, close.High));
        Assert.Equal(close.Nominal, ((CpuStep)kernel.Recipe("close_attached").Steps[0]).Ns);
    }

    [Fact]
    public void TheIncidentsExperimentGivesItsLookupRateARange()
    {
        var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(Path.Combine(ShippedExperiments.Folder, "mount-mayhem.yaml")));

        Assert.All(plan.Configurations, c =>
        {
            // The file's own range first, then the defaults' for the fields it leaves at their defaults.
            var walks = c.Scenario.Assumptions[0];
            Assert.Equal(("path_walks", 200_000, 50_000, 400_000), (walks.Key, walks.Nominal, walks.Low, walks.High));
            Assert.Equal(["watchers", "service_namespaces", "base_mounts", "host_threads", "container_threads"], c.Scenario.Assumptions.Skip(1).Select(f => f.Key));
        });
    }

    [Fact]
    public void AFieldLeftAtItsDefaultCarriesTheDefaultsRangeUnlessTheFileGivesOrCitesIt()
    {
        var defaults = ScenarioYaml.Parse("topology: aws-r5.metal\n");
        var given = ScenarioYaml.Parse("topology: aws-r5.metal\npath_walks: 1000000\nbase_mounts: 40\n");

        var walks = defaults.Assumptions.Single(f => f.Key == "path_walks");
        Assert.Equal((20_000, 2_000, 400_000), (walks.Nominal, walks.Low, walks.High));
        Assert.StartsWith("assumed: 20,000 lookups per second per CPU", walks.Source, StringComparison.Ordinal);
        Assert.Equal(ScenarioFigures.Names, defaults.Assumptions.Select(f => f.Key));

        // A value the file gives is its own, outside the default's range or not: no range, and no error.
        Assert.DoesNotContain(given.Assumptions, f => f.Key is "path_walks" or "base_mounts");
        Assert.Equal(4, given.Assumptions.Count);
        Assert.Equal("a guess for a 96-CPU node", Scenario.Assumptions.Single(f => f.Key == "host_threads").Why);
    }

    [Fact]
    public void ARangeOnASweptFieldIsAPositionedError()
    {
        const string experiment = """
            name: swept
            scenario:
              topology: aws-r5.metal
              sources:
                path_walks: {source: assumed, range: [0, 40000], why: a guess}
            sweep:
              grid:
                path_walks: [0, 20000]
            """;

        var e = Assert.Throws<InputFileException>(() => ExperimentYamlReader.Parse(experiment, "swept.yaml"));

        Assert.Equal(("swept.yaml", 5, 5, "scenario.sources.path_walks"), (e.File, e.Line, e.Column, e.Field));
        Assert.StartsWith("'path_walks' is swept, so each configuration gives its own value", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("layers: {source: x, range: [1, 2], why: y}", 3, 3, "sources.layers", "'layers' is not an assumption of the scenario")]
    [InlineData("path_walks: {source: x, range: [-1, 40000], why: y}", 3, 35, "sources.path_walks.range[0]", "-1 is outside what path_walks accepts: expected a number from 0 to 1000000000")]
    [InlineData("watchers: {source: x, range: [2, 3], why: y}", 3, 32, "sources.watchers.range", "watchers is 1, outside [2, 3]")]
    public void TheScenariosSourcesAreChecked(string entry, int line, int column, string field, string problem)
    {
        var e = Assert.Throws<InputFileException>(() => ScenarioYaml.Parse($"topology: aws-r5.metal\nsources:\n  {entry}\n"));

        Assert.Equal((line, column, field), (e.Line, e.Column, e.Field));
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
    }

    private static Scenario Set(FigureHome home, string key, double value) =>
        Scenario.WithFigures(new Dictionary<FigureId, double> { [new(home, key)] = value });

    private static int LinesChanged(string before, string after)
    {
        var (a, b) = (before.Split('\n'), after.Split('\n'));
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b).Count(pair => pair.First != pair.Second);
    }
}
