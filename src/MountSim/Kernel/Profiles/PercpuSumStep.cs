namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>percpu_sum</c>: mnt_get_count or mnt_get_writers, a loop over nr_possible_cpus per-CPU counters;
/// <c>percpu_sum_per_cpu</c> each, plus a transfer for each line another CPU wrote. Always under mount_lock.
/// </summary>
public sealed record PercpuSumStep : RecipeStep
{
    public override string Keyword => "percpu_sum";
}
