using MountSim.Hardware;
using MountSim.Hardware.Export;

namespace MountSim.Calibration.Harness;

/// <summary>The machine measured: kernel and detected topology.</summary>
public sealed record HarnessHost(string Kernel, string? CpuModel, int Sockets, int LlcDomains, int Cores, int Threads, string Cpus)
{
    /// <summary>This host's kernel release with <paramref name="topology"/> in brief.</summary>
    public static HarnessHost Of(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return new(
            HostRequirements.KernelRelease(),
            topology.Cpu,
            topology.Sockets.Count,
            topology.LlcDomains.Count,
            topology.Cores.Count,
            topology.Threads.Count,
            TopologySummary.Cpus(topology.Threads));
    }
}
