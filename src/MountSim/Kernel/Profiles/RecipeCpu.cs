namespace MountSim.Kernel.Profiles;

/// <summary>
/// A recipe's <c>cpu</c> work in two parts: what one call does once, and what it does per layer (inside a
/// <c>repeat: layers</c>). The harness separates them by timing the same call at two layer counts.
/// </summary>
public readonly record struct RecipeCpu(double FixedNs, double PerLayerNs)
{
    public static RecipeCpu operator +(RecipeCpu a, RecipeCpu b) => new(a.FixedNs + b.FixedNs, a.PerLayerNs + b.PerLayerNs);
}
