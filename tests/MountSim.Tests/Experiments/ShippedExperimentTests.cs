using MountSim.Experiments;

namespace MountSim.Tests.Experiments;

/// <summary>Every experiment in experiments/ reads, expands and builds its scenarios.</summary>
public sealed class ShippedExperimentTests
{
    public static TheoryData<string> Files => [.. Directory.GetFiles(ShippedExperiments.Folder, "*.yaml").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Files))]
    public void ItExpandsIntoRunnableScenarios(string file)
    {
        var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(Path.Combine(ShippedExperiments.Folder, file)));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), plan.Experiment.Name);
        Assert.NotEmpty(plan.Experiment.Description);
        Assert.NotEmpty(plan.Experiment.Plots);
        Assert.All(plan.Configurations, c => Assert.Empty(c.Scenario.Problems()));
    }

    [Fact]
    public void MountMayhemSweepsTheIncidentsHostsBurstsAndStrategies()
    {
        var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(Path.Combine(ShippedExperiments.Folder, "mount-mayhem.yaml")));

        Assert.Equal(["strategy", "topology", "containers"], plan.Experiment.SweptFields);
        Assert.Equal(["aws-r5.metal", "aws-m7i.metal-24xl", "aws-m7a.24xlarge"], plan.Configurations.Select(c => c.ValueOf("topology")).Distinct());
        Assert.All(plan.Configurations, c => Assert.Equal(50, c.Scenario.Layers.Mean));
    }
}
