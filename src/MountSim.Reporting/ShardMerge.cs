using System.Globalization;
using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>
/// Whether shards' folders make one experiment (or one plan) together: all shards of one kind, of the same text (its
/// hash) and split the same way (N), every shard from 0 to N - 1 there once, so every run (or candidate) is there
/// exactly once. Each problem is one line naming the folders and the shard it is about.
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
            if (record.Kind != expected.Kind)
            {
                problems.Add($"{shard.Directory} is a shard of {record.Kind} {record.Name} (from {record.File}) but {first.Directory} is a shard of {expected.Kind} {expected.Name} (from {expected.File}); a merge takes the shards of one experiment or of one plan");
            }
            else if (record.Identity != expected.Identity)
            {
                problems.Add($"{shard.Directory} is a shard of another {record.Kind} ({record.Name} from {record.File}, {Short(record.Identity)}) than {first.Directory} ({expected.Name} from {expected.File}, {Short(expected.Identity)}); shards of different files, or of two versions of one, never merge");
            }
            else if (record.Shards != expected.Shards)
            {
                problems.Add($"{shard.Directory} is shard {shard.Shard} but {first.Directory} is shard {first.Shard}: the {record.Kind} was split two ways, so some {record.Members} would be there twice; merge the shards of one split");
            }
            else
            {
                alike.Add(shard);
            }
        }

        foreach (var twice in alike.GroupBy(s => s.Shard.Index).Where(g => g.Count() > 1))
        {
            problems.Add($"shard {twice.First().Shard} ({Members(twice.First().Shard, expected)}) is given {twice.Count()} times: {string.Join(", ", twice.Select(s => s.Directory))}; give each shard once");
        }

        var present = alike.Select(s => s.Shard.Index).ToHashSet();
        foreach (var index in Enumerable.Range(0, expected.Shards).Where(i => !present.Contains(i)))
        {
            var missing = new ExperimentShard(index, expected.Shards);
            problems.Add($"shard {missing} of {expected.Name} is missing ({Members(missing, expected)}); run 'mountsim {expected.Command} {expected.File} --shard {missing}' and give its folder too");
        }

        return problems;
    }

    /// <summary>The runs (or candidates) in <paramref name="shard"/>, the first few: "runs 1, 4, 7, 10", "candidates 1".</summary>
    private static string Members(ExperimentShard shard, ShardRecord record) =>
        shard.Members(record.Count) is { Count: > 0 } members
            ? string.Create(CultureInfo.InvariantCulture, $"{record.Members} {string.Join(", ", members.Take(4))}{(members.Count > 4 ? ", ..." : string.Empty)}")
            : $"no {record.Members}";

    private static string Short(string identity) => identity.Length > 19 ? identity[..19] : identity;
}
