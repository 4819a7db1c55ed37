namespace MountSim.Kernel.Profiles;

/// <summary><c>cpu: 1.2us</c>: work that takes no global lock of its own (its enclosing section's locks stay held).</summary>
public sealed record CpuStep(double Ns) : RecipeStep
{
    public override string Keyword => "cpu";
}
