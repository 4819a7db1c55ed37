using System.Text;

namespace MountSim.Engine.Random;

/// <summary>
/// The random streams of one run. An experiment has one seed; each run gets its own key from
/// (seed, run index), and each purpose within a run ("arrivals", "think", a worker's index)
/// its own stream from (run key, purpose name, index). Streams depend only on these names,
/// never on the order in which they are asked for, so adding a stream does not change the
/// draws of the others and a sweep gives the same numbers whatever runs in parallel.
/// </summary>
public sealed class RandomStreams
{
    public RandomStreams(ulong experimentSeed, long runIndex = 0)
    {
        ExperimentSeed = experimentSeed;
        RunIndex = runIndex;
        RunKey = SplitMix64.Mix(SplitMix64.Mix(experimentSeed) ^ SplitMix64.Mix((ulong)runIndex + 0x632BE59BD9B4E019UL));
    }

    public ulong ExperimentSeed { get; }

    public long RunIndex { get; }

    /// <summary>The 64-bit key every stream of this run is derived from.</summary>
    public ulong RunKey { get; }

    /// <summary>The stream for one purpose, e.g. <c>Stream("arrivals")</c> or <c>Stream("worker", 12)</c>.</summary>
    public RandomStream Stream(string purpose, long index = 0)
    {
        var key = SplitMix64.Mix(RunKey ^ Fnv1a(purpose));
        return new RandomStream(SplitMix64.Mix(key ^ SplitMix64.Mix((ulong)index)));
    }

    /// <summary>FNV-1a over UTF-8: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }
}
