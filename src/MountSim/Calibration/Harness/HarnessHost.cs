using MountSim.Hardware;
using MountSim.Hardware.Export;

namespace MountSim.Calibration.Harness;

/// <summary>The machine measured: kernel and detected topology.</summary>
public sealed record HarnessHost(string Kernel, string? CpuModel, int Sockets, int LlcDomains, int Cores, int Threads, string Cpus)
{
    /// <summary>Kernel release <paramref name="kernel"/> with <paramref name="topology"/> in brief.</summary>
    public static HarnessHost Of(string kernel, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new(
            kernel,
            topology.Cpu,
            topology.Sockets.Count,
            topology.LlcDomains.Count,
            topology.Cores.Count,
            topology.Threads.Count,
            TopologySummary.Cpus(topology.Threads));
    }
}
