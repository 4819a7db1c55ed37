using MountSim.Engine.Random;

namespace MountSim.Tests.Engine.Random;

public sealed class RandomStreamsTests
{
    [Fact]
    public void SameSeedRunPurposeAndIndexGiveTheSameSequence()
    {
        var first = new RandomStreams(7, 3).Stream("arrivals", 2);
        var second = new RandomStreams(7, 3).Stream("arrivals", 2);

        Assert.Equal(Draw(first, 10_000), Draw(second, 10_000));
    }

    [Fact]
    public void DifferentSeedRunPurposeOrIndexGiveDifferentSequences()
    {
        var reference = Draw(new RandomStreams(7, 3).Stream("arrivals", 2), 16);
        var variants = new[]
        {
            new RandomStreams(8, 3).Stream("arrivals", 2),
            new RandomStreams(7, 4).Stream("arrivals", 2),
            new RandomStreams(7, 3).Stream("arrival", 2),
            new RandomStreams(7, 3).Stream("Arrivals", 2),
            new RandomStreams(7, 3).Stream("arrivals", 3),
            new RandomStreams(7, 3).Stream("arrivals"),
        };

        var sequences = variants.Select(v => Draw(v, 16)).Append(reference).ToList();

        // No two of the seven share even one of their first 16 draws.
        var all = sequences.SelectMany(s => s).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void StreamsDoNotDependOnTheOrderTheyAreCreatedOrDrawnFrom()
    {
        var streams = new RandomStreams(99, 1);
        var worker = streams.Stream("worker", 5);
        var workerDraws = Draw(worker, 100);
        var think = streams.Stream("think");
        var thinkDraws = Draw(think, 100);

        var reordered = new RandomStreams(99, 1);
        var thinkFirst = reordered.Stream("think");
        reordered.Stream("unrelated", 42).NextUInt64();
        var workerSecond = reordered.Stream("worker", 5);

        Assert.Equal(thinkDraws, Draw(thinkFirst, 100));
        Assert.Equal(workerDraws, Draw(workerSecond, 100));
    }

    [Fact]
    public void RunKeysDependOnSeedAndRunIndex()
    {
        Assert.Equal(new RandomStreams(5, 2).RunKey, new RandomStreams(5, 2).RunKey);
        Assert.NotEqual(new RandomStreams(5, 2).RunKey, new RandomStreams(5, 3).RunKey);
        Assert.NotEqual(new RandomStreams(5, 2).RunKey, new RandomStreams(6, 2).RunKey);
        Assert.Equal(5UL, new RandomStreams(5, 2).ExperimentSeed);
        Assert.Equal(2L, new RandomStreams(5, 2).RunIndex);
    }

    [Fact]
    public void ManyRunsOfOneSeedHaveDistinctKeys()
    {
        var keys = Enumerable.Range(0, 10_000).Select(run => new RandomStreams(1, run).RunKey).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    private static ulong[] Draw(RandomStream stream, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => stream.NextUInt64())];
}
