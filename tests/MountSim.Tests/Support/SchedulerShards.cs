using System.Globalization;
using MountSim.Cli;

namespace MountSim.Tests.Support;

/// <summary>Shards run as separate processes, each told its index only by the environment, as Kubernetes pods and Slurm array tasks are.</summary>
internal static class SchedulerShards
{
    /// <summary>Every variable a scheduler sets that names a shard; none leaks from the test's own environment.</summary>
    private static readonly string[] Variables =
        [ShardOption.KubernetesIndex, ShardOption.SlurmIndex, ShardOption.SlurmCount, "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_JOB_ID"];

    /// <summary>Runs <c>mountsim ARGS</c> as shard <paramref name="index"/> of <paramref name="count"/> of <paramref name="scheduler"/> (kubernetes or slurm).</summary>
    public static Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyList<string> args, string scheduler, int index, int count) =>
        CliProcess.RunAsync(args, TimeSpan.FromSeconds(120), Environment(scheduler, index, count), Variables);

    /// <summary>What each scheduler puts in the environment of shard <paramref name="index"/>'s process.</summary>
    private static Dictionary<string, string> Environment(string scheduler, int index, int count) => scheduler switch
    {
        "kubernetes" => new() { [ShardOption.KubernetesIndex] = Invariant(index) },
        "slurm" => new()
        {
            ["SLURM_ARRAY_JOB_ID"] = "4242",
            ["SLURM_JOB_ID"] = Invariant(4243 + index),
            [ShardOption.SlurmIndex] = Invariant(index),
            [ShardOption.SlurmCount] = Invariant(count),
            ["SLURM_ARRAY_TASK_MIN"] = "0",
            ["SLURM_ARRAY_TASK_MAX"] = Invariant(count - 1),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(scheduler), scheduler, "kubernetes or slurm"),
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
