namespace MountSim.Kernel.Profiles;

/// <summary>
/// <c>rcu_gp_expedited</c>: synchronize_rcu_expedited, which the caller waits for with no lock held
/// (namespace_unlock runs it after up_write); concurrent waiters share one grace period.
/// </summary>
public sealed record RcuGpExpeditedStep : RecipeStep
{
    public override string Keyword => "rcu_gp_expedited";
}
