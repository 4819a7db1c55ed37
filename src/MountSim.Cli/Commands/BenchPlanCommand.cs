using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MountSim.Planning;
using MountSim.Reporting;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim bench plan</c>: how long a plan's searches take (all candidates, or one), with nothing written:
/// the figure that says whether planning is usable on a machine.
/// </summary>
public static class BenchPlanCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "The plan, a YAML file.", DefaultValueFactory = _ => Path.Combine("experiments", "plans", "incident.yaml") };
        var candidate = new Option<int?>("--candidate") { Description = "Only this candidate (its index in plan.csv, from 0)." };
        var jobs = CliOptions.PositiveInt("--jobs", "Simulations at once (default: all cores).", Environment.ProcessorCount);
        var command = new Command("plan", "Time a plan's boundary searches (default experiments/plans/incident.yaml), writing nothing: per candidate its boundary, probes, simulations and events, and the whole plan's wall time.")
        {
            file, candidate, jobs,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var plan = PlanYamlReader.Load(parse.GetValue(file)!);
            if (parse.GetValue(candidate) is { } only)
            {
                plan = only >= 0 && only < plan.Candidates.Count
                    ? plan with { Candidates = [plan.Candidates[only]] }
                    : throw new CommandInputException($"--candidate {only}: the plan has candidates 0 to {plan.Candidates.Count - 1}");
            }

            var stopwatch = Stopwatch.StartNew();
            var results = PlanRunner.Run(plan, new UnsavedRuns(), parse.GetValue(jobs), (_, _) => { });
            var wall = stopwatch.Elapsed.TotalSeconds;
            var c = CultureInfo.InvariantCulture;
            output.WriteLine($"{"candidate",-62} {"search",6} {"boundary",9} {"probes",6} {"runs",5} {"M events",9}");
            foreach (var r in results)
            {
                output.WriteLine(string.Create(c, $"{r.Candidate.Describe(),-62} {PlanFolder.Name(r.Kind),6} {r.Outcome.Boundary,9:0.###} {r.Outcome.Probes.Count,6} {r.Runs.Count,5} {r.Runs.Sum(x => x.Events) / 1e6,9:F1}"));
            }

            var events = results.Sum(r => r.Runs.Sum(x => x.Events));
            output.WriteLine(string.Create(c, $"{plan.Name}: {results.Count} searches, {results.Sum(r => r.Runs.Count)} simulations, {events / 1e6:F0} M events in {wall:F1} s wall ({events / wall / 1e6:F1} M events/s, {parse.GetValue(jobs)} jobs, {Environment.ProcessorCount} cores)"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A benchmark keeps nothing: every simulation runs.</summary>
    private sealed class UnsavedRuns : IProbeStore
    {
        public ProbeRun? Find(ProbeKey key) => null;

        public void Save(ProbeRun run)
        {
            ArgumentNullException.ThrowIfNull(run);
        }
    }
}
