using MountSim.Engine.Statistics;

namespace MountSim.Kernel.PathWalks;

/// <summary>What the background lookups suffered: latency, how many spun in path_init or restarted, and the CPU time spun.</summary>
public sealed class PathWalkStatistics
{
    /// <summary>Latency of every lookup, in ns.</summary>
    public Histogram Latency { get; } = new();

    /// <summary>Lookups that started while the sequence was odd and spun in path_init.</summary>
    public long Spun { get; internal set; }

    /// <summary>Lookups that a write section overtook mid-walk, which restarted in ref-walk mode.</summary>
    public long Restarts { get; internal set; }

    /// <summary>Spin summed over the lookups that spun (each one's wait in path_init), in ns.</summary>
    public double SpinNs { get; internal set; }

    /// <summary>
    /// CPU time spent spinning, in ns: a hardware thread spins from its first lookup that found the
    /// sequence odd to the end of the section; lookups behind it on the same CPU wait, they do not spin.
    /// </summary>
    public double SpinCpuNs { get; internal set; }

    /// <summary>Mean spin of the lookups that spun, in ns.</summary>
    public double MeanSpinNs => Spun == 0 ? 0 : SpinNs / Spun;
}
