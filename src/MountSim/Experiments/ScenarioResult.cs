using MountSim.Engine;
using MountSim.Kernel;
using MountSim.Workload;

namespace MountSim.Experiments;

/// <summary>What one run of a scenario measured: the container starts, the kernel's objects, and the run itself.</summary>
public sealed record ScenarioResult(Scenario Scenario, MountKernel Kernel, ContainerStarts Starts, long Events, double WallSeconds)
{
    public double SimulatedSeconds => SimTime.ToSeconds(Kernel.Simulation.Now);
}
