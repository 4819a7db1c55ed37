using MountSim.Cli;
using MountSim.Experiments;

namespace MountSim.Tests.Cli;

/// <summary><c>--shard K/N</c> and <c>auto/N</c>, with the environment as each scheduler sets it.</summary>
public sealed class ShardOptionTests
{
    [Theory]
    [InlineData("0/3", 0, 3)]
    [InlineData("2/3", 2, 3)]
    [InlineData("0/1", 0, 1)]
    public void KOfNIsShardKNumberedFromZero(string text, int index, int count) =>
        Assert.Equal(new ExperimentShard(index, count), ShardOption.Resolve(text, _ => null));

    [Fact]
    public void AKubernetesIndexedJobGivesItsCompletionIndex() =>
        Assert.Equal(new ExperimentShard(2, 3), ShardOption.Resolve("auto/3", Environment(("JOB_COMPLETION_INDEX", "2"))));

    [Fact]
    public void ASlurmArrayGivesItsTaskId() =>
        Assert.Equal(new ExperimentShard(1, 3), ShardOption.Resolve("auto/3", Environment(("SLURM_ARRAY_JOB_ID", "4242"), ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "3"))));

    [Theory]
    [InlineData("3", "--shard expects K/N")]
    [InlineData("1/0", "--shard expects K/N")]
    [InlineData("a/3", "--shard a/3: the shard must be a whole number from 0 to 2 (shards are numbered from 0)")]
    [InlineData("3/3", "--shard 3/3: the shard must be a whole number from 0 to 2")]
    [InlineData("-1/3", "--shard -1/3: the shard must be")]
    [InlineData("auto/3", "--shard auto/3: neither JOB_COMPLETION_INDEX (a Kubernetes Indexed Job sets it) nor SLURM_ARRAY_TASK_ID (a Slurm job array sets it) is set")]
    public void ABadShardIsRefusedSayingWhatItExpects(string text, string message)
    {
        var refused = Assert.Throws<CommandInputException>(() => ShardOption.Resolve(text, _ => null));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlurmArrayNumberedFromOneIsRefusedAtItsLastTask()
    {
        var refused = Assert.Throws<CommandInputException>(() => ShardOption.Resolve("auto/3", Environment(("SLURM_ARRAY_TASK_ID", "3"))));
        Assert.Contains("SLURM_ARRAY_TASK_ID is '3', not a shard from 0 to 2 (the job array must be --array=0-2)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlurmArrayOfAnotherSizeIsRefused()
    {
        var refused = Assert.Throws<CommandInputException>(() => ShardOption.Resolve("auto/3", Environment(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Contains("SLURM_ARRAY_TASK_COUNT=4 tasks, not 3", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoSchedulersDisagreeingAreRefused()
    {
        var refused = Assert.Throws<CommandInputException>(() => ShardOption.Resolve("auto/3", Environment(("JOB_COMPLETION_INDEX", "0"), ("SLURM_ARRAY_TASK_ID", "1"))));
        Assert.Contains("JOB_COMPLETION_INDEX is '0' but SLURM_ARRAY_TASK_ID is '1'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardsInterleaveAndCoverEveryRunOnce()
    {
        var shards = Enumerable.Range(0, 3).Select(k => new ExperimentShard(k, 3).Members(10)).ToList();

        Assert.Equal([0, 3, 6, 9], shards[0]);
        Assert.Equal([1, 4, 7], shards[1]);
        Assert.Equal(Enumerable.Range(0, 10), shards.SelectMany(s => s).Order());
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
