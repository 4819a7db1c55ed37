namespace MountSim.Benchmarking.Canonical;

/// <summary>Something a script does at one instant without letting time pass: count, observe, stop the run.</summary>
public interface IStepAction
{
    void Execute(Actor actor);
}
