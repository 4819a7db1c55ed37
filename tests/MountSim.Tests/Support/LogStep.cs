using MountSim.Benchmarking.Canonical;

namespace MountSim.Tests.Support;

/// <summary>A script step that writes "actor@time" into a shared log.</summary>
internal sealed class LogStep(List<string> log) : IStepAction
{
    public void Execute(Actor actor) => log.Add($"{actor.Name}@{actor.Simulation.Now}");
}
