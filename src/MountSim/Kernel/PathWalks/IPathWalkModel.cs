namespace MountSim.Kernel.PathWalks;

/// <summary>The host's background lookups, in one of two interchangeable models (closed form, or one event per lookup).</summary>
public interface IPathWalkModel : ISequenceReaders
{
    PathWalkStatistics Statistics { get; }

    /// <summary>The share of <paramref name="cpu"/>'s time the lookups took lately (see <see cref="BackgroundCpuShare"/>).</summary>
    double BackgroundShare(int cpu, long now);

    /// <summary>Settles what is still pending at the end of a run.</summary>
    void Flush(long now);
}
