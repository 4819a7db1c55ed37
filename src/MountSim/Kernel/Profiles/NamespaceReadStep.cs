using System.Collections.Immutable;

namespace MountSim.Kernel.Profiles;

/// <summary><c>ns_read: [...]</c>: down_read(namespace_sem), the inner steps, up_read.</summary>
public sealed record NamespaceReadStep(ImmutableArray<RecipeStep> Steps) : BlockStep(Steps)
{
    public override string Keyword => "ns_read";
}
