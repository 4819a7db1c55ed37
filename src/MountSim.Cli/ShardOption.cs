using System.CommandLine;
using System.Globalization;
using MountSim.Experiments;

namespace MountSim.Cli;

/// <summary>
/// <c>--shard K/N</c> or <c>--shard auto/N</c>: which shard of an experiment (or a plan) a process runs. Shards are
/// numbered from 0, as Kubernetes numbers an Indexed Job's pods (<c>JOB_COMPLETION_INDEX</c>); a Slurm array gives its
/// <c>SLURM_ARRAY_TASK_ID</c> as its <c>--array</c> range says, so the range must be <c>0-(N-1)</c>.
/// </summary>
public static class ShardOption
{
    public const string Name = "--shard";

    /// <summary>Set by Kubernetes in each pod of an Indexed Job: 0 to completions - 1.</summary>
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";

    /// <summary>Set by Slurm in each task of a job array: the task's number in <c>--array</c>.</summary>
    public const string SlurmIndex = "SLURM_ARRAY_TASK_ID";

    /// <summary>Set by Slurm beside the index: how many tasks the array has, checked against N.</summary>
    public const string SlurmCount = "SLURM_ARRAY_TASK_COUNT";

    private const string Usage = "K/N (shard K of N, K from 0 to N - 1) or auto/N (K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)";

    /// <summary>The option, described by what a shard holds (<paramref name="split"/>) and where auto/N finds K.</summary>
    public static Option<string> Create(string split) => new(Name)
    {
        Description = $"{split} into OUTPUT.shard-K-of-N, for 'mountsim merge'. " +
            "auto/N takes K from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm, --array=0-(N-1)).",
    };

    /// <summary>The shard <paramref name="text"/> names; <paramref name="environment"/> reads a variable (null when unset).</summary>
    /// <exception cref="CommandInputException">Not K/N or auto/N, K out of range, or auto without an index in the environment.</exception>
    public static ExperimentShard Resolve(string text, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        var parts = text.Split('/');
        if (parts.Length != 2 || !TryCount(parts[1], out var count))
        {
            throw new CommandInputException($"{Name} expects {Usage}, got '{text}'");
        }

        if (parts[0] != "auto")
        {
            return TryIndex(parts[0], count, out var index)
                ? new ExperimentShard(index, count)
                : throw new CommandInputException($"{Name} {text}: the shard must be a whole number from 0 to {count - 1} (shards are numbered from 0)");
        }

        var kubernetes = environment(KubernetesIndex);
        var slurm = environment(SlurmIndex);
        if (kubernetes is null && slurm is null)
        {
            throw new CommandInputException($"{Name} {text}: neither {KubernetesIndex} (a Kubernetes Indexed Job sets it) nor {SlurmIndex} (a Slurm job array sets it) is set; give the shard as K/{count}");
        }

        if (kubernetes is not null && slurm is not null && kubernetes != slurm)
        {
            throw new CommandInputException($"{Name} {text}: {KubernetesIndex} is '{kubernetes}' but {SlurmIndex} is '{slurm}'; unset one, or give the shard as K/{count}");
        }

        var (variable, value) = kubernetes is not null ? (KubernetesIndex, kubernetes) : (SlurmIndex, slurm!);
        if (!TryIndex(value, count, out var shard))
        {
            throw new CommandInputException($"{Name} {text}: {variable} is '{value}', not a shard from 0 to {count - 1}{(variable == SlurmIndex ? $" (the job array must be --array=0-{count - 1})" : string.Empty)}");
        }

        if (variable == SlurmIndex && environment(SlurmCount) is { } tasks && tasks != count.ToString(CultureInfo.InvariantCulture))
        {
            throw new CommandInputException($"{Name} {text}: the Slurm job array has {SlurmCount}={tasks} tasks, not {count}; make --array=0-{count - 1} and N agree");
        }

        return new ExperimentShard(shard, count);
    }

    private static bool TryCount(string text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1;

    private static bool TryIndex(string text, int count, out int index) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;
}
