namespace MountSim.Yaml;

/// <summary>Which part of a scenario a figure belongs to, and so which file gives it.</summary>
public enum FigureHome
{
    /// <summary>A host's topology file (<c>topologies/*.yaml</c>).</summary>
    Topology,

    /// <summary>A kernel profile (<c>experiments/kernels/*.yaml</c>).</summary>
    KernelProfile,

    /// <summary>A runtime profile (<c>experiments/runtimes/*.yaml</c>), or one it includes.</summary>
    RuntimeProfile,

    /// <summary>The scenario's own assumptions (background lookups, host mounts, threads), given in the experiment or plan file that uses them.</summary>
    Scenario,
}
