using MountSim.Experiments;
using MountSim.Reporting;

namespace MountSim.Tests.Reporting;

/// <summary>The library's session, as a script or notebook would drive it without the CLI.</summary>
public sealed class ExperimentSessionTests : IDisposable
{
    private const string Small = """
        name: small-session
        seed: 5
        replications: 2
        scenario:
          topology: aws-m7a.24xlarge
          layers: 2
          health_probes: 0
        sweep:
          grid:
            containers: [2, 3]
        metrics: [start_latency_mean_ms]
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("mountsim-session-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ASecondSessionKeepsEveryRunTheFirstSavedAndRunsNoneAgain()
    {
        var file = Path.Combine(_root, "small.yaml");
        File.WriteAllText(file, Small);
        var plan = ExperimentPlan.Build(ExperimentYamlReader.Load(file));
        var folderPath = Path.Combine(_root, "out", plan.Experiment.Output);
        var heard = new List<int>();

        // The first session stops before its tables (as an interrupted one does): its runs are saved.
        using (var folder = ResultsFolder.Open(folderPath, plan, force: false))
        {
            ExperimentSession.Open(plan, folder, jobs: 2).RunPending(run => { lock (heard) { heard.Add(run.Run); } }, CancellationToken.None);
        }

        using (var folder = ResultsFolder.Open(folderPath, plan, force: false))
        {
            var second = ExperimentSession.Open(plan, folder, jobs: 1);
            second.RunPending(run => heard.Add(-1), CancellationToken.None);
            var (charts, _) = second.Finish();

            Assert.Equal((plan.RunCount, plan.RunCount), (second.Kept, second.Finished));
            Assert.Empty(charts);
        }

        Assert.Equal(Enumerable.Range(0, plan.RunCount), heard.Order());
        Assert.True(File.Exists(Path.Combine(folderPath, ResultsFolder.ReportFile)));
    }
}
