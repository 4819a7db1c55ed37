using MountSim.Engine.Random;
using MountSim.Benchmarking.Canonical;
using MountSim.Engine;

namespace MountSim.Benchmarking.Canonical;

/// <summary>
/// A simulated thread of control: a state machine whose state is a program counter into a
/// shared <see cref="Script"/>. It runs steps until one must wait (a delay, a resource in use),
/// schedules its own wake-up and returns, so nothing is allocated per step or per event:
/// no iterator, closure or event object as in coroutine engines.
/// </summary>
public sealed class Actor : IEventTarget
{
    private int _next;

    public Actor(Simulation simulation, Script script, RandomStream random, string name)
    {
        Simulation = simulation;
        Script = script;
        Random = random;
        Name = name;
        Id = simulation.Register(this);
    }

    public EntityId Id { get; }

    public Simulation Simulation { get; }

    public Script Script { get; }

    public RandomStream Random { get; }

    public string Name { get; }

    public bool IsFinished => _next >= Script.Length;

    /// <summary>Starts running the script after <paramref name="delay"/> ns.</summary>
    public void Start(long delay = 0) => Simulation.Schedule(delay, Id);

    void IEventTarget.OnEvent(int tag) => Continue();

    private void Continue()
    {
        var steps = Script.Steps;
        while (_next < steps.Length)
        {
            ref readonly var step = ref steps[_next++];
            switch (step.Kind)
            {
                case StepKind.Delay:
                    Simulation.Schedule(SimTime.FromNanoseconds(step.Duration!.Sample(Random)), Id);
                    return;
                case StepKind.Acquire:
                    if (!step.Resource!.Request(Id, 0, step.Mode))
                    {
                        return;
                    }

                    break;
                case StepKind.Release:
                    step.Resource!.Release(Id);
                    break;
                case StepKind.Jump:
                    _next = step.Target;
                    break;
                case StepKind.Invoke:
                    step.Action!.Execute(this);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown step kind {step.Kind}.");
            }
        }

        // Finished: nothing can be pending for this actor, so its id can serve another.
        Simulation.Unregister(Id);
    }

    public override string ToString() => $"{Name} at step {_next} of {Script.Name}";
}
