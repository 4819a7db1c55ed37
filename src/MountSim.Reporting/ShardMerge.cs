using System.Globalization;
using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>
/// Whether shards' folders make one experiment together: all of the same experiment text (its hash) and split the
/// same way (N), every shard from 0 to N - 1 there once, so every run is there exactly once. Each problem is one
/// line naming the folders and the shard it is about.
/// </summary>
public static class ShardMerge
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<ShardFolder> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            return ["no shards to merge"];
        }

        var problems = new List<string>();
        var first = shards[0];
        var expected = first.Record;
        var alike = new List<ShardFolder> { first };
        foreach (var shard in shards.Skip(1))
        {
            var record = shard.Record;
            if (record.Identity != expected.Identity)
            {
                problems.Add($"{shard.Directory} is a shard of another experiment ({record.Experiment} from {record.File}, {Short(record.Identity)}) than {first.Directory} ({expected.Experiment} from {expected.File}, {Short(expected.Identity)}); shards of different files, or of two versions of one, never merge");
            }
            else if (record.Shards != expected.Shards)
            {
                problems.Add($"{shard.Directory} is shard {shard.Shard} but {first.Directory} is shard {first.Shard}: the experiment was split two ways, so some runs would be there twice; merge the shards of one split");
            }
            else
            {
                alike.Add(shard);
            }
        }

        foreach (var twice in alike.GroupBy(s => s.Shard.Index).Where(g => g.Count() > 1))
        {
            problems.Add($"shard {twice.First().Shard} ({Runs(twice.First())}) is given {twice.Count()} times: {string.Join(", ", twice.Select(s => s.Directory))}; give each shard once");
        }

        var present = alike.Select(s => s.Shard.Index).ToHashSet();
        foreach (var index in Enumerable.Range(0, expected.Shards).Where(i => !present.Contains(i)))
        {
            var missing = new ExperimentShard(index, expected.Shards);
            problems.Add($"shard {missing} of {expected.Experiment} is missing ({Runs(missing, expected.RunCount)}); run 'mountsim run {expected.File} --shard {missing}' and give its folder too");
        }

        return problems;
    }

    private static string Runs(ShardFolder shard) => Runs(shard.Shard, shard.Record.RunCount);

    private static string Runs(ExperimentShard shard, int runCount) =>
        shard.Runs(runCount) is { Count: > 0 } runs
            ? string.Create(CultureInfo.InvariantCulture, $"runs {string.Join(", ", runs.Take(4))}{(runs.Count > 4 ? ", ..." : string.Empty)}")
            : "no runs";

    private static string Short(string identity) => identity.Length > 19 ? identity[..19] : identity;
}
