using MountSim.Kernel.Execution;

namespace MountSim.Experiments;

/// <summary>
/// Shares of the host's CPU time (hardware threads x simulated time): runtime threads working,
/// spinning on mount_lock (background lookups in path_init included) or on namespace_sem; idle is
/// the rest. <see cref="Sleep"/> is the runtime threads' time asleep on the same scale: it uses no
/// CPU, so it is not part of the other four, which add up to 1.
/// </summary>
public sealed record CpuTimeShares(double Work, double SpinMountLock, double SpinNamespaceSem, double Sleep, double Idle)
{
    public static CpuTimeShares Of(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kernel = result.Kernel;
        var total = (double)kernel.Simulation.Now * kernel.Topology.Threads.Count;
        if (total <= 0)
        {
            return new CpuTimeShares(0, 0, 0, 0, 1);
        }

        var time = kernel.ThreadTime;
        var work = time[(int)ThreadActivity.Work] / total;
        var spinMountLock = (time[(int)ThreadActivity.SpinMountLock] + kernel.PathWalks.Statistics.SpinCpuNs) / total;
        var spinNamespaceSem = time[(int)ThreadActivity.SpinNamespaceSem] / total;
        return new CpuTimeShares(work, spinMountLock, spinNamespaceSem, time[(int)ThreadActivity.Sleep] / total, Math.Max(0, 1 - work - spinMountLock - spinNamespaceSem));
    }
}
