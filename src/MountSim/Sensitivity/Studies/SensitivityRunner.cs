using MountSim.Engine.Random;
using MountSim.Experiments;
using MountSim.Yaml;

namespace MountSim.Sensitivity.Studies;

/// <summary>
/// Runs a sensitivity study. Per configuration: the nominal run and each varied figure at both ends of its range
/// (one at a time), Morris's trajectories over every varied figure, then Saltelli's design over the <c>keep</c>
/// figures screening ranks highest, the others at nominal. Every simulation of configuration c draws its random
/// streams from (seed, c): common random numbers, so two points differ by their figures, not by their luck, and an
/// elementary effect is the figure's alone. The designs are drawn from streams of their own, so they are rebuilt
/// the same from the seed when an interrupted study resumes. At most <c>jobs</c> simulations run at once; the
/// result does not depend on how many.
/// </summary>
public static class SensitivityRunner
{
    /// <param name="finished">Hears of each simulation done (run or read back), with how many of its stage are done and the stage's total.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped it; the simulations saved stay.</exception>
    public static IReadOnlyList<ConfigurationAnalysis> Run(SensitivityStudy study, ISimulationStore store, int jobs, Action<SimulationKey, int, int> finished, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var figures = study.Configurations.Select(study.FiguresOf).ToList();

        // Screening first, for every configuration at once, so that jobs stay busy across configurations.
        var morrisDesigns = study.Configurations.Select((c, i) => MorrisDesign.Create(new FigureSpace(figures[i], FigureNames.Of).Space, study.Trajectories, Streams(study, c).Stream("sensitivity-morris"), study.Levels)).ToList();
        var screening = study.Configurations.SelectMany((c, i) =>
            OneAtATimePoints(figures[i]).Select((values, k) => Point(c.Index, StudyPhase.OneAtATime, k, values))
                .Concat(morrisDesigns[i].Points.Select(p => Point(c.Index, StudyPhase.Morris, p.Index, Set(figures[i], p.Values))))).ToList();
        var screened = Simulate(study, screening, store, jobs, finished, cancel);

        var partial = study.Configurations.Select((c, i) =>
        {
            var oneAtATime = screened.Where(s => s.Key.Configuration == c.Index && s.Key.Phase == StudyPhase.OneAtATime).ToList();
            var morrisRuns = screened.Where(s => s.Key.Configuration == c.Index && s.Key.Phase == StudyPhase.Morris).ToList();
            var morris = study.Outputs.Select((_, o) => Column(morrisRuns, o) is { } column
                ? MorrisAnalysis.Analyze(morrisDesigns[i], column, study.Bootstrap, Streams(study, c).Stream("sensitivity-morris-bootstrap", o))
                : null).ToList();
            var kept = Keep(figures[i], morris, study.Keep);
            return new ConfigurationAnalysis(c, figures[i], oneAtATime, morrisRuns, morris, kept, [], [.. study.Outputs.Select(_ => (SobolResult?)null)]);
        }).ToList();

        var sobolDesigns = partial.Select(a => a.Kept.Count == 0 ? null : SaltelliDesign.Create(new FigureSpace(a.Kept, FigureNames.Of).Space, study.BaseSamples, Streams(study, a.Configuration).Stream("sensitivity-saltelli"))).ToList();
        var sobolPoints = partial.SelectMany((a, i) => sobolDesigns[i] is { } design
            ? design.Points.Select(p => Point(a.Configuration.Index, StudyPhase.Sobol, p.Index, WithKept(a.Figures, a.Kept, p.Values)))
            : []).ToList();
        var sobolRuns = Simulate(study, sobolPoints, store, jobs, finished, cancel);

        return [.. partial.Select((a, i) =>
        {
            var runs = sobolRuns.Where(s => s.Key.Configuration == a.Configuration.Index).ToList();
            var sobol = study.Outputs.Select((_, o) => sobolDesigns[i] is { } design && Column(runs, o) is { } column
                ? SobolAnalysis.Analyze(design, column, study.Bootstrap, Streams(study, a.Configuration).Stream("sensitivity-sobol-bootstrap", o))
                : null).ToList();
            return a with { SobolRuns = runs, Sobol = sobol };
        })];
    }

    /// <summary>
    /// The figures the Sobol' design varies: the <paramref name="keep"/> that screening ranks highest, by the largest
    /// over the analysable outputs of mu* over that output's largest mu*; ties by name. None when no output could be
    /// screened or none moved: the Sobol' runs would measure nothing.
    /// </summary>
    public static IReadOnlyList<UncertainFigure> Keep(IReadOnlyList<UncertainFigure> figures, IReadOnlyList<MorrisResult?> morris, int keep)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(morris);
        var screened = morris.OfType<MorrisResult>().Where(m => m.Effects.Max(e => e.MuStar) > 0).ToList();
        if (screened.Count == 0)
        {
            return [];
        }

        double Score(int i) => screened.Max(m => m.Effects[i].MuStar / m.Effects.Max(e => e.MuStar));
        return [.. Enumerable.Range(0, figures.Count)
            .OrderByDescending(Score).ThenBy(i => FigureNames.Of(figures[i].Id), StringComparer.Ordinal)
            .Take(Math.Min(keep, SaltelliDesign.MaxFactors))
            .Order()
            .Select(i => figures[i])];
    }

    /// <summary>The nominal values, then each figure at its low end and at its high end, the others nominal.</summary>
    private static IEnumerable<double[]> OneAtATimePoints(IReadOnlyList<UncertainFigure> figures)
    {
        var nominal = figures.Select(f => f.Nominal).ToArray();
        yield return nominal;
        for (var i = 0; i < figures.Count; i++)
        {
            foreach (var end in new[] { figures[i].Low, figures[i].High })
            {
                var values = (double[])nominal.Clone();
                values[i] = end;
                yield return values;
            }
        }
    }

    private static double[] Set(IReadOnlyList<UncertainFigure> figures, IReadOnlyList<double> sampled) =>
        [.. figures.Select((f, i) => FigureSpace.ValueOf(f, sampled[i]))];

    private static double[] WithKept(IReadOnlyList<UncertainFigure> figures, IReadOnlyList<UncertainFigure> kept, IReadOnlyList<double> sampled)
    {
        var values = figures.Select(f => f.Nominal).ToArray();
        for (var k = 0; k < kept.Count; k++)
        {
            var i = figures.ToList().FindIndex(f => f.Id == kept[k].Id);
            values[i] = FigureSpace.ValueOf(kept[k], sampled[k]);
        }

        return values;
    }

    private static (SimulationKey Key, double[] Values) Point(int configuration, StudyPhase phase, int index, double[] values) => (new SimulationKey(configuration, phase, index), values);

    /// <summary>An output over a phase's runs by index; null when a run gave it no value, so it cannot be analysed.</summary>
    private static double[]? Column(IReadOnlyList<StudySimulation> runs, int output)
    {
        var column = runs.Select(r => r.Outputs[output]).ToArray();
        return column.All(double.IsFinite) ? column : null;
    }

    private static RandomStreams Streams(SensitivityStudy study, Configuration configuration) => new(study.Seed, configuration.Index);

    /// <summary>Runs (or reads back) every point, at most <paramref name="jobs"/> at once; the results in the points' order.</summary>
    private static List<StudySimulation> Simulate(
        SensitivityStudy study, IReadOnlyList<(SimulationKey Key, double[] Values)> points, ISimulationStore store, int jobs, Action<SimulationKey, int, int> finished, CancellationToken cancel)
    {
        var results = new StudySimulation[points.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel };
        Parallel.For(0, points.Count, options, i =>
        {
            var (key, values) = points[i];
            results[i] = store.Find(key, values) ?? Simulate(study, key, values, store, cancel);
            finished(key, Interlocked.Increment(ref done), points.Count);
        });
        return [.. results];
    }

    private static StudySimulation Simulate(SensitivityStudy study, SimulationKey key, double[] values, ISimulationStore store, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var configuration = study.Configurations[key.Configuration];
        var figures = study.FiguresOf(configuration);
        var scenario = configuration.Scenario.WithFigures(figures.Select((f, i) => (f.Id, values[i])).ToDictionary(v => v.Id, v => v.Item2));
        var summary = ScenarioSummary.Of(ScenarioRunner.Run(scenario, study.Seed, configuration.Index));
        var simulation = new StudySimulation(key, values, [.. study.Outputs.Select(m => m.Of(summary))], summary.SimulatedSeconds, summary.Events);
        store.Save(simulation);
        return simulation;
    }
}
