using MountSim.Engine;
using MountSim.Kernel;
using MountSim.Workload;

namespace MountSim.Experiments;

/// <summary>What one run of a scenario measured: the container starts, the kernel's objects, the mountinfo watchers, the health probes, and the run itself.</summary>
public sealed record ScenarioResult(Scenario Scenario, MountKernel Kernel, ContainerStarts Starts, MountinfoWatchers Watchers, HealthProbes Probes, long Events, double WallSeconds)
{
    public double SimulatedSeconds => SimTime.ToSeconds(Kernel.Simulation.Now);

    /// <summary>Whether the run was stopped before every start finished (its figures cover what ran).</summary>
    public bool Interrupted { get; init; }

    /// <summary>The stop condition that became certain and ended the run early, if one did (its figures then cover what ran).</summary>
    public MetricCondition? StoppedBy { get; init; }
}
