using System.Globalization;

namespace MountSim.Experiments;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> of an experiment: the runs whose index leaves
/// <see cref="Index"/> when divided by <see cref="Count"/>. Interleaved rather than in blocks, so every shard gets
/// its share of each configuration and the shards take about as long. Numbered from 0, as a Kubernetes Indexed
/// Job's <c>JOB_COMPLETION_INDEX</c> is. Run i draws its streams from (seed, i), so a run gives the same result
/// in whichever shard it runs. A plan splits the same way by candidate (a candidate's search is sequential, so it is
/// the unit), candidate i in shard i mod N.
/// </summary>
public sealed record ExperimentShard
{
    public ExperimentShard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>Whether run (or candidate) <paramref name="member"/> is in this shard.</summary>
    public bool Contains(int member) => member % Count == Index;

    /// <summary>This shard's runs of an experiment of <paramref name="count"/> runs (or candidates of a plan), in order.</summary>
    public IReadOnlyList<int> Members(int count) => [.. Enumerable.Range(0, count).Where(Contains)];

    /// <summary>The shard's results folder beside the unsharded one: <c>OUTPUT.shard-K-of-N</c>, so shards on one volume never share a folder.</summary>
    public string FolderName(string output) => string.Create(CultureInfo.InvariantCulture, $"{output}.shard-{Index}-of-{Count}");

    /// <summary>As <c>--shard</c> takes it: <c>K/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
