using MountSim.Engine.Distributions;
using MountSim.Benchmarking.Canonical;

namespace MountSim.Benchmarking.Canonical;

/// <summary>Builds a <see cref="Script"/> step by step, with named labels for jumps.</summary>
public sealed class ScriptBuilder
{
    private readonly string _name;
    private readonly List<Step> _steps = [];
    private readonly Dictionary<string, int> _labels = [];
    private readonly List<(int Step, string Label)> _jumps = [];

    public ScriptBuilder(string name)
    {
        _name = name;
    }

    /// <summary>Names the position of the next step.</summary>
    public ScriptBuilder Label(string label)
    {
        if (!_labels.TryAdd(label, _steps.Count))
        {
            throw new InvalidOperationException($"Script '{_name}': label '{label}' is defined twice.");
        }

        return this;
    }

    public ScriptBuilder Delay(Distribution duration) => Add(new Step(StepKind.Delay, Duration: duration));

    public ScriptBuilder Acquire(Resource resource, AccessMode mode = AccessMode.Exclusive) =>
        Add(new Step(StepKind.Acquire, Resource: resource, Mode: mode));

    public ScriptBuilder Release(Resource resource) => Add(new Step(StepKind.Release, Resource: resource));

    public ScriptBuilder Invoke(IStepAction action) => Add(new Step(StepKind.Invoke, Action: action));

    public ScriptBuilder Jump(string label)
    {
        _jumps.Add((_steps.Count, label));
        return Add(new Step(StepKind.Jump));
    }

    /// <summary>
    /// Resolves the labels and rejects a script in which control can go round without passing a
    /// delay: such a loop never lets simulated time pass and the run would hang at one instant.
    /// </summary>
    public Script Build()
    {
        var steps = _steps.ToArray();
        foreach (var (index, label) in _jumps)
        {
            if (!_labels.TryGetValue(label, out var target))
            {
                throw new InvalidOperationException($"Script '{_name}': step {index} jumps to label '{label}', which is not defined.");
            }

            steps[index] = steps[index] with { Target = target };
        }

        RejectLoopsWithoutDelay(steps);
        return new Script(_name, steps);
    }

    /// <summary>
    /// Every step but a delay has exactly one successor (a jump's target, else the next step),
    /// so following successors from each step either reaches a delay or the end, or comes back
    /// to a step of the same walk: a loop without a delay. Each step is walked once: O(steps).
    /// </summary>
    private void RejectLoopsWithoutDelay(Step[] steps)
    {
        var walk = new int[steps.Length];
        for (var start = 0; start < steps.Length; start++)
        {
            var step = start;
            while (step < steps.Length && walk[step] == 0 && steps[step].Kind != StepKind.Delay)
            {
                walk[step] = start + 1;
                step = steps[step].Kind == StepKind.Jump ? steps[step].Target : step + 1;
            }

            if (step < steps.Length && walk[step] == start + 1)
            {
                throw new InvalidOperationException($"Script '{_name}': control can loop through step {step} ({steps[step]}) without passing a delay step, so simulated time would never pass.");
            }
        }
    }

    private ScriptBuilder Add(Step step)
    {
        _steps.Add(step);
        return this;
    }
}
