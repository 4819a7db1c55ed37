using MountSim.Engine.Distributions;
using MountSim.Engine.Resources;

namespace MountSim.Engine.Actors;

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
    /// Resolves the labels. A loop must contain a delay: a loop of instantaneous steps would
    /// never let simulated time pass and the run would hang at one instant.
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

            if (target <= index && !steps[target..index].Any(s => s.Kind == StepKind.Delay))
            {
                throw new InvalidOperationException($"Script '{_name}': the loop from step {index} back to '{label}' has no delay step, so simulated time would never pass.");
            }

            steps[index] = steps[index] with { Target = target };
        }

        return new Script(_name, steps);
    }

    private ScriptBuilder Add(Step step)
    {
        _steps.Add(step);
        return this;
    }
}
